package io.imagegraph.core.plan;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.graph.ImageSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which images a change set affects, and why. An image is affected when a changed path is its
 * Dockerfile, its ignore file, a file of its build context that the ignore file lets through, or
 * matches one of its watch patterns; when the graph file changed; or when a parent is affected.
 */
public final class ChangeDetector {

    private static final int REASONS_SHOWN = 10;

    private ChangeDetector() {
    }

    /** For every image of the graph, the reasons it is affected; an empty list means it is not. */
    public static Map<String, List<String>> affected(ImageGraph graph, ChangeSet changes) throws IOException {
        Map<String, List<String>> reasons = new LinkedHashMap<>();
        boolean graphFileChanged = changes.paths().contains(graph.graphFileName());
        for (String name : graph.order()) {
            ImageSpec spec = graph.node(name).spec();
            List<String> direct = graphFileChanged
                    ? new ArrayList<>(List.of("the graph file " + graph.graphFileName() + " changed"))
                    : directReasons(graph, spec, changes);
            for (String parent : graph.node(name).parents()) {
                if (!reasons.get(parent).isEmpty()) {
                    direct.add("its parent " + parent + " is affected");
                }
            }
            reasons.put(name, List.copyOf(direct));
        }
        return reasons;
    }

    private static List<String> directReasons(ImageGraph graph, ImageSpec spec, ChangeSet changes) throws IOException {
        List<String> reasons = new ArrayList<>();
        BuildContext context = BuildContext.of(graph.root(), spec);
        IgnorePatterns watch = IgnorePatterns.of(spec.watch(), "the watch list of image '" + spec.name() + "' in " + graph.graphFileName());
        String prefix = spec.context().equals(".") ? "" : spec.context() + "/";
        String dockerfile = spec.dockerfile().orElse(null);
        int more = 0;
        for (String path : changes.paths()) {
            String reason = null;
            if (path.equals(dockerfile)) {
                reason = "its Dockerfile changed: " + path;
            } else if (path.equals(prefix + ".dockerignore") || path.equals(dockerfile + ".dockerignore")) {
                reason = "its ignore file changed: " + path;
            } else if (path.startsWith(prefix) && context.includes(path.substring(prefix.length()))) {
                reason = "changed in its build context: " + path;
            } else if (!watch.isEmpty() && watch.matches(path)) {
                reason = "matches its watch patterns: " + path;
            }
            if (reason != null) {
                if (reasons.size() < REASONS_SHOWN) {
                    reasons.add(reason);
                } else {
                    more++;
                }
            }
        }
        if (more > 0) {
            reasons.add("and " + more + " more changed paths");
        }
        return reasons;
    }
}
