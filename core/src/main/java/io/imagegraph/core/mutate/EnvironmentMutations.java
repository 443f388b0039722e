package io.imagegraph.core.mutate;

import io.imagegraph.core.graph.GraphFile;
import io.imagegraph.core.graph.GraphFileException;
import io.imagegraph.core.graph.GraphFileReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * An environment's overrides file: a YAML file with only a {@code mutations} section, read with
 * the graph file's rules (and its errors, with line numbers), laid over the graph file's
 * mutations: an entry of the same name keeps the graph file's {@code from} and {@code to} unless
 * it gives its own, and its overrides win key by key; an entry of a new name is a new mutation.
 */
public final class EnvironmentMutations {

    private EnvironmentMutations() {
    }

    /** The mutations of {@code file} over {@code base}. */
    public static Map<String, Mutation> over(Map<String, Mutation> base, Path file) throws GraphFileException {
        GraphFileReader.LocatedGraphFile located = GraphFileReader.read(file, file.toString());
        GraphFile read = located.file();
        if (!read.equals(GraphFile.empty().withMutations(read.mutations()))) {
            throw new GraphFileException(file.toString(), 0, "an overrides file holds only a 'mutations' section;"
                    + " move the other settings to the graph file");
        }
        for (Map.Entry<String, MutationEntry> entry : read.mutations().entrySet()) {
            try {
                over(base, Map.of(entry.getKey(), entry.getValue()));
            } catch (IllegalArgumentException e) {
                throw new GraphFileException(file.toString(), located.lineOf("mutations." + entry.getKey()),
                        e.getMessage());
            }
        }
        return over(base, read.mutations());
    }

    static Map<String, Mutation> over(Map<String, Mutation> base, Map<String, MutationEntry> overlay) {
        Map<String, Mutation> merged = new TreeMap<>(base);
        overlay.forEach((name, entry) -> {
            Mutation under = base.get(name);
            if (under == null) {
                merged.put(name, Mutation.of(name, entry));
                return;
            }
            Mutation own = Mutation.of(name, new MutationEntry(entry.from() == null ? under.from().toString()
                    : entry.from(), entry.to() == null ? under.to().toString() : entry.to(), entry.env(),
                    entry.ports(), entry.labels(), entry.entrypoint(), entry.cmd(), entry.user(), entry.workingDir()));
            merged.put(name, new Mutation(name, own.from(), own.to(), own.overrides().over(under.overrides())));
        });
        return java.util.Collections.unmodifiableMap(merged);
    }
}
