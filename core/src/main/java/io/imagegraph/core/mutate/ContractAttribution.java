package io.imagegraph.core.mutate;

import io.imagegraph.core.track.ImageContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What changed between a running image and a new one once overrides are taken into account: each
 * change of the effective contract, said to come from the upstream image or from an override; and
 * each upstream change that an override hides (the upstream moved a value the override sets).
 *
 * @param changes the changes of what would run, with their origin
 * @param hidden  upstream changes that do not reach what runs, with the override that hides them
 */
public record ContractAttribution(List<Attributed> changes, List<Attributed> hidden) {

    /**
     * One change and where it comes from.
     *
     * @param change the change
     * @param origin {@code upstream}, or {@code override NAME}
     */
    public record Attributed(ImageContract.Change change, String origin) {

        public boolean fromOverride() {
            return origin.startsWith("override ");
        }
    }

    public ContractAttribution {
        changes = List.copyOf(changes);
        hidden = List.copyOf(hidden);
    }

    public static ContractAttribution of(OverriddenImage running, OverriddenImage next) {
        List<ImageContract.Change> effective = next.effective().changesSince(running.effective());
        List<ImageContract.Change> upstream = next.underlying().changesSince(running.underlying());
        Optional<String> override = next.mutation().or(running::mutation);
        List<Attributed> changes = new ArrayList<>();
        for (ImageContract.Change change : effective) {
            boolean fromUpstream = upstream.contains(change) || override.isEmpty();
            changes.add(new Attributed(change, fromUpstream ? "upstream" : "override " + override.get()));
        }
        List<Attributed> hidden = new ArrayList<>();
        if (override.isPresent()) {
            upstream.stream().filter(change -> !effective.contains(change))
                    .forEach(change -> hidden.add(new Attributed(change, "override " + override.get())));
        }
        return new ContractAttribution(changes, hidden);
    }
}
