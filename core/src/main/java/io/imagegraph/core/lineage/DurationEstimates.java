package io.imagegraph.core.lineage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How long each image's build is expected to take, from earlier builds: the median of its last
 * five built durations. An image never built before gets the median of all the others, so it is
 * neither first nor last for lack of data.
 */
public final class DurationEstimates {

    /** How many of an image's last built durations the estimate is the median of. */
    static final int RECENT = 5;

    private DurationEstimates() {
    }

    /** Image name to estimated seconds, for every image in {@code images}. */
    public static Map<String, Double> of(List<LineageRecord> history, List<String> images) {
        Map<String, List<Long>> built = new HashMap<>();
        for (LineageRecord record : history) {
            if ("built".equals(record.status()) && record.durationMillis() > 0) {
                built.computeIfAbsent(record.image(), k -> new ArrayList<>()).add(record.durationMillis());
            }
        }
        Map<String, Double> estimates = new HashMap<>();
        List<Double> known = new ArrayList<>();
        for (String image : images) {
            List<Long> durations = built.get(image);
            if (durations != null) {
                double seconds = median(durations.subList(Math.max(0, durations.size() - RECENT), durations.size())) / 1000.0;
                estimates.put(image, seconds);
                known.add(seconds);
            }
        }
        double fallback = known.isEmpty() ? 1.0 : median(known);
        images.forEach(image -> estimates.putIfAbsent(image, fallback));
        return estimates;
    }

    private static <T extends Number> double median(List<T> values) {
        List<Double> sorted = values.stream().map(Number::doubleValue).sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
