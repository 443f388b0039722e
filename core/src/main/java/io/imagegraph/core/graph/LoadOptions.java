package io.imagegraph.core.graph;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How to load a graph.
 *
 * @param graphFile a graph file other than {@code <root>/imagegraph.yaml}
 * @param buildArgs build arguments that override the graph file's, for every image
 * @param platform  the target platform, which sets TARGETARCH and friends in FROM lines
 * @param strict    whether lint warnings (such as an unpinned external base) are errors
 */
public record LoadOptions(Optional<Path> graphFile, Map<String, String> buildArgs, String platform, boolean strict) {

    public static final String DEFAULT_PLATFORM = "linux/amd64";

    public LoadOptions {
        buildArgs = Map.copyOf(buildArgs);
    }

    public static LoadOptions defaults() {
        return new LoadOptions(Optional.empty(), Map.of(), DEFAULT_PLATFORM, false);
    }

    public LoadOptions withStrict(boolean value) {
        return new LoadOptions(graphFile, buildArgs, platform, value);
    }
}
