package io.imagegraph.core.build;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.plan.PlannedImage;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which images of a run are rebuilt although an image with their input digest exists, so that
 * nightly builds pick up distribution fixes: an image whose newest build (in the lineage) is older
 * than its freshness ({@code --refresh-older-than}, else the graph file's {@code freshness}), and
 * every image built on one of those.
 */
final class Freshness {

    private Freshness() {
    }

    /** Image name to why it is refreshed, for the images of the run, in run order. */
    static Map<String, String> stale(ImageGraph graph, Map<String, PlannedImage> planned, List<String> runOrder,
                                     List<LineageRecord> records, BuildOptions options, Instant now) {
        return stale(graph, planned, runOrder, records, options.refreshOlderThan(), now);
    }

    /** The same, with {@code refreshOlderThan} over each image's graph-file freshness. */
    static Map<String, String> stale(ImageGraph graph, Map<String, PlannedImage> planned, List<String> runOrder,
                                     List<LineageRecord> records, Optional<Duration> refreshOlderThan, Instant now) {
        Map<String, String> stale = new LinkedHashMap<>();
        for (String name : runOrder) {
            Optional<String> parent = graph.node(name).parents().stream().filter(stale::containsKey).findFirst();
            Optional<Duration> freshness = refreshOlderThan.or(() -> planned.get(name).node().spec().build().freshness());
            if (freshness.isEmpty()) {
                parent.ifPresent(p -> stale.put(name, RefreshCheck.PARENT_REFRESHED + p + " is refreshed"));
                continue;
            }
            String input = planned.get(name).inputDigest().toString();
            Optional<Instant> newest = records.stream()
                    .filter(record -> record.image().equals(name) && input.equals(record.inputDigest())
                            && (ImageStatus.BUILT.id().equals(record.status()) || ImageStatus.UNCHANGED.id().equals(record.status())))
                    .map(Freshness::time).flatMap(Optional::stream).max(Instant::compareTo);
            if (newest.isPresent() && Duration.between(newest.get(), now).compareTo(freshness.get()) > 0) {
                stale.put(name, "last built " + Duration.between(newest.get(), now).toHours() + " h ago, freshness "
                        + describe(freshness.get()));
            } else {
                parent.ifPresent(p -> stale.put(name, RefreshCheck.PARENT_REFRESHED + p + " is refreshed"));
            }
        }
        return stale;
    }

    private static Optional<Instant> time(LineageRecord record) {
        try {
            return Optional.ofNullable(record.time()).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String describe(Duration freshness) {
        return freshness.toMinutes() % 60 == 0 ? freshness.toHours() + " h" : freshness.toMinutes() + " min";
    }
}
