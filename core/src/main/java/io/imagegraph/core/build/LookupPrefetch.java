package io.imagegraph.core.build;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.plan.PlannedImage;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Before a run's builds start, hands each image store that can answer many look-ups at once
 * ({@link PrefetchedImageLookup}) every reference the run's first look-ups will ask it for: each
 * image's input-digest tag in the run's repository and under its local name, and the same of each
 * parent already reused from the registry (what its child's pin asks the local store first).
 */
final class LookupPrefetch {

    private LookupPrefetch() {
    }

    private static List<String> inputReferences(ImageGraph graph, PlannedImage image, BuildOptions options) {
        String tag = ImageNames.inputTag(image.inputDigest());
        return List.of(ImageNames.repository(graph, options.registry(), image.name()) + ":" + tag,
                ImageNames.path(graph, image.name()) + ":" + tag);
    }

    static void prefetch(BuildTools tools, ImageGraph graph, Map<String, PlannedImage> planned, List<String> order,
                         BuildOptions options) {
        Map<PrefetchedImageLookup, List<String>> wanted = new IdentityHashMap<>();
        Set<String> inOrder = Set.copyOf(order);
        for (String name : order) {
            PlannedImage image = planned.get(name);
            Optional<BuildTool> tool = tools.forKind(image.node().spec().builder());
            if (tool.isEmpty() || !(tool.get().lookup() instanceof PrefetchedImageLookup lookup)) {
                continue;
            }
            List<String> references = wanted.computeIfAbsent(lookup, key -> new ArrayList<>());
            references.addAll(inputReferences(graph, planned.get(name), options));
            for (String parent : graph.node(name).parents()) {
                if (!inOrder.contains(parent)) {
                    // reused before the builds start (found in the registry): its child's pin looks it up locally
                    references.addAll(inputReferences(graph, planned.get(parent), options));
                }
            }
        }
        for (Map.Entry<PrefetchedImageLookup, List<String>> entry : wanted.entrySet()) {
            if (entry.getValue().size() > 1) {
                entry.getKey().prefetch(entry.getValue());
            }
        }
    }
}
