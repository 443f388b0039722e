package io.imagegraph.core.plan;

import java.util.List;

/**
 * Paths that changed, relative to the graph root with '/' separators, and where the list came from.
 *
 * @param source such as {@code git diff --name-only origin/main...HEAD} or {@code --changed}
 * @param paths  the changed paths, sorted, each once
 */
public record ChangeSet(String source, List<String> paths) {

    public ChangeSet {
        paths = paths.stream().map(p -> IgnorePatterns.clean(p.strip().replace('\\', '/')))
                .filter(p -> !p.isEmpty() && !p.equals(".")).distinct().sorted().toList();
    }
}
