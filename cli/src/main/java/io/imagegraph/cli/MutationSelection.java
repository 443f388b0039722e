package io.imagegraph.cli;

import io.imagegraph.core.mutate.Mutation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The mutations a {@code mutate} command line names: all of them, or those named, refusing unknown names. */
final class MutationSelection {

    private MutationSelection() {
    }

    static List<Mutation> of(Map<String, Mutation> mutations, List<String> names, String graphFile)
            throws BadInputException {
        if (mutations.isEmpty()) {
            throw new BadInputException(graphFile + " has no mutations section, so there is nothing to mutate;"
                    + " see docs/tracking.md#metadata-overrides-without-a-rebuild");
        }
        if (names.isEmpty()) {
            return new ArrayList<>(mutations.values());
        }
        List<Mutation> chosen = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            if (mutations.containsKey(name)) {
                chosen.add(mutations.get(name));
            } else {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new BadInputException("no mutation named " + String.join(", ", unknown) + " in " + graphFile
                    + "; the mutations are: " + String.join(", ", mutations.keySet()));
        }
        return chosen;
    }
}
