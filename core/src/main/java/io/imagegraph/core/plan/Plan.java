package io.imagegraph.core.plan;

import io.imagegraph.core.graph.GraphProblem;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.upstream.UpstreamPins;
import java.util.List;
import java.util.Optional;

/**
 * What a run will do: every image of the graph in dependency order, with its input digest and the
 * decisions about it, plus the changes considered and the graph's warnings.
 *
 * @param graph    the graph planned
 * @param images   every image, parents before children
 * @param changes  the change set, when change detection was asked for
 * @param warnings lint warnings found while loading the graph
 * @param pins     the digests external bases are pinned to, from the upstream watches
 */
public record Plan(ImageGraph graph, List<PlannedImage> images, Optional<ChangeSet> changes,
                   List<GraphProblem> warnings, UpstreamPins pins) {

    public Plan {
        images = List.copyOf(images);
        warnings = List.copyOf(warnings);
    }

    /** Every image name in dependency order. */
    public List<String> order() {
        return images.stream().map(PlannedImage::name).toList();
    }

    /** The images the run builds, in dependency order. */
    public List<String> toBuild() {
        return images.stream().filter(PlannedImage::toBuild).map(PlannedImage::name).toList();
    }
}
