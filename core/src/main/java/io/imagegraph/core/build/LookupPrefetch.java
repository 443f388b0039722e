package io.imagegraph.core.build;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.plan.PlannedImage;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Before a run's builds start, hands each image store that can answer many look-ups at once
 * ({@link PrefetchedImageLookup}) every reference the run's first look-ups will ask it for: each
 * image's input-digest tag in the run's repository and under its local name.
 */
final class LookupPrefetch {

    private LookupPrefetch() {
    }

    static void prefetch(BuildTools tools, ImageGraph graph, Map<String, PlannedImage> planned, List<String> order,
                         BuildOptions options) {
        Map<PrefetchedImageLookup, List<String>> wanted = new IdentityHashMap<>();
        for (String name : order) {
            PlannedImage image = planned.get(name);
            Optional<BuildTool> tool = tools.forKind(image.node().spec().builder());
            if (tool.isEmpty() || !(tool.get().lookup() instanceof PrefetchedImageLookup lookup)) {
                continue;
            }
            String tag = ImageNames.inputTag(image.inputDigest());
            List<String> references = wanted.computeIfAbsent(lookup, key -> new ArrayList<>());
            references.add(ImageNames.repository(graph, options.registry(), name) + ":" + tag);
            references.add(ImageNames.path(graph, name) + ":" + tag);
        }
        for (Map.Entry<PrefetchedImageLookup, List<String>> entry : wanted.entrySet()) {
            if (entry.getValue().size() > 1) {
                entry.getKey().prefetch(entry.getValue());
            }
        }
    }
}
