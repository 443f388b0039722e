package io.imagegraph.core.plan;

import io.imagegraph.core.graph.ExternalBase;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.graph.ImageNode;
import io.imagegraph.core.upstream.UpstreamRef;
import io.imagegraph.core.upstream.UpstreamWatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The watches of a graph: those its graph file configures, and one fixed-tag watch for each
 * external base its Dockerfiles name by tag (a base pinned by digest cannot move), unless a
 * configured policy watches that repository already; and one for each mutation's upstream image.
 */
public final class UpstreamWatches {

    private UpstreamWatches() {
    }

    public static List<UpstreamWatch> of(ImageGraph graph) {
        List<UpstreamWatch> configured = graph.upstream().watches();
        Set<UpstreamRef> byPolicy = configured.stream().filter(UpstreamWatch::isPolicy).map(UpstreamWatch::repository)
                .collect(Collectors.toSet());
        Map<String, UpstreamWatch> watches = new LinkedHashMap<>();
        configured.forEach(watch -> watches.putIfAbsent(watch.key(), watch));
        for (ImageNode node : graph.nodes().values()) {
            for (ExternalBase base : node.externalBases()) {
                if (base.ref().isPinned() || byPolicy.contains(UpstreamRef.of(base.ref()))) {
                    continue;
                }
                UpstreamWatch watch = UpstreamWatch.ofBase(base.ref());
                watches.putIfAbsent(watch.key(), watch);
            }
        }
        for (UpstreamWatch watch : io.imagegraph.core.mutate.MutationFollower.watches(graph.mutations().values())) {
            watches.putIfAbsent(watch.key(), watch);
        }
        return new ArrayList<>(watches.values());
    }
}
