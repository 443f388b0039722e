package io.imagegraph.core.build;

import io.imagegraph.core.graph.ExternalBase;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.graph.ImageNode;
import io.imagegraph.core.graph.InternalEdge;
import io.imagegraph.core.plan.PlannedImage;
import io.imagegraph.core.upstream.UpstreamPins;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The lineage labels of a built image: its title, when it was created, its source revision and
 * repository, its final stage's base with that base's digest, its input digest and the run. The
 * source labels are always written (empty when the graph root is not a git checkout), so that a
 * base image's values never show through on its children.
 */
final class LineageLabels {

    private LineageLabels() {
    }

    static java.util.SortedMap<String, String> of(ImageGraph graph, UpstreamPins pins, PlannedImage image,
                                                  Map<String, String> baseDigests, BuildOptions options, Clock clock) {
        java.util.SortedMap<String, String> labels = new TreeMap<>();
        labels.put("org.opencontainers.image.title", image.name());
        labels.put("org.opencontainers.image.created", clock.instant().toString());
        labels.put("org.opencontainers.image.revision", options.sourceRevision().orElse(""));
        labels.put("org.opencontainers.image.source", options.sourceUrl().orElse(""));
        finalBase(image.node()).ifPresent(base -> {
            if (base instanceof InternalEdge edge) {
                labels.put("org.opencontainers.image.base.name",
                        ImageNames.repository(graph, options.registry(), edge.parent()));
                labels.put("org.opencontainers.image.base.digest", baseDigests.get(edge.parent()));
            } else if (base instanceof ExternalBase external) {
                labels.put("org.opencontainers.image.base.name", external.ref().name()
                        + external.ref().tag().map(tag -> ":" + tag).orElse(""));
                labels.put("org.opencontainers.image.base.digest",
                        pins.resolve(external.ref()).digest().map(Object::toString).orElse(""));
            }
        });
        labels.put("io.imagegraph.input-digest", image.inputDigest().toString());
        labels.put("io.imagegraph.run", options.runId());
        return labels;
    }

    /** The base of the final stage: the FROM (internal edge or external base) on the highest line. */
    private static Optional<Object> finalBase(ImageNode node) {
        Object best = null;
        int bestLine = -1;
        for (InternalEdge edge : node.parentEdges()) {
            if (edge.source().endsWith("(FROM)") && edge.line() > bestLine) {
                best = edge;
                bestLine = edge.line();
            }
        }
        for (ExternalBase base : node.externalBases()) {
            if (base.via() == io.imagegraph.core.dockerfile.ImageDependency.Via.FROM && base.line() > bestLine) {
                best = base;
                bestLine = base.line();
            }
        }
        return Optional.ofNullable(best);
    }
}
