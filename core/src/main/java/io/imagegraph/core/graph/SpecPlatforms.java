package io.imagegraph.core.graph;

import io.imagegraph.core.ref.TargetPlatform;
import java.util.List;
import java.util.Map;

/**
 * Gives each image its platforms: its entry's {@code platforms:}, else the run's
 * {@code --platform} list; each platform must read {@code os/arch[/variant]}, which is checked
 * here, where the graph file can be pointed at.
 */
final class SpecPlatforms {

    private SpecPlatforms() {
    }

    static void apply(Map<String, ImageSpec> specs, List<String> runPlatforms, GraphFileReader.LocatedGraphFile graphFile,
                      List<GraphProblem> problems) {
        specs.replaceAll((name, spec) -> {
            boolean own = !spec.platforms().isEmpty();
            // the run's platforms leave out those the image is marked unbuildable on
            List<String> platforms = own ? spec.platforms()
                    : runPlatforms.stream().filter(platform -> !spec.unbuildable().containsKey(platform)).toList();
            if (platforms.isEmpty()) {
                return spec;
            }
            try {
                return spec.withPlatforms(TargetPlatform.parseAll(platforms).stream().map(TargetPlatform::toString)
                        .toList());
            } catch (IllegalArgumentException e) {
                problems.add(GraphProblem.error(GraphProblem.Kind.GRAPH_FILE, name,
                        own ? graphFile.at("images." + name + ".platforms") : "--platform",
                        "image " + name + ": " + e.getMessage()));
                return spec;
            }
        });
    }
}
