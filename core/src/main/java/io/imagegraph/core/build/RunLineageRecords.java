package io.imagegraph.core.build;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.graph.ImageNode;
import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.upstream.UpstreamPins;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The lineage records of a run: one per image it built or reused, with its parents' and bases' digests. */
final class RunLineageRecords {

    private RunLineageRecords() {
    }

    static List<LineageRecord> of(ImageGraph graph, UpstreamPins pins, List<ImageResult> results,
                                  BuildOptions options, Instant finished) {
        Map<String, ImageResult> byName = new HashMap<>();
        results.forEach(result -> byName.put(result.name(), result));
        List<LineageRecord> records = new ArrayList<>();
        for (ImageResult result : results) {
            if (!result.status().isSuccess() || result.identity().isEmpty()) {
                continue;
            }
            ImageNode node = graph.node(result.name());
            List<LineageRecord.ParentDigest> parents = node.parents().stream()
                    .map(parent -> new LineageRecord.ParentDigest(parent,
                            byName.get(parent).identity().orElse(null)))
                    .toList();
            List<String> externals = node.externalBases().stream().map(base -> pins.resolve(base.ref()).toString())
                    .toList();
            records.add(new LineageRecord(result.name(), result.status().id(), result.identity().get(),
                    ImageNames.repository(graph, options.registry(), result.name()), result.inputDigest(), parents, externals,
                    options.sourceRevision().orElse(null), finished.toString(), options.runId(),
                    result.duration().toMillis()));
        }
        return records;
    }
}
