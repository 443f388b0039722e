package io.imagegraph.core.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A random image family for the scheduler benchmark: a few roots, each image FROM one earlier
 * image (preferring recent ones, so chains form), 15 % with a second parent (a COPY --from), and
 * build durations from a log-normal distribution (median 60 s, a long tail: a few images take 10×).
 *
 * @param order        images, parents first
 * @param dependencies image to its parents
 * @param durations    image to its build seconds
 */
record GeneratedDag(List<String> order, Map<String, Set<String>> dependencies, Map<String, Double> durations) {

    static GeneratedDag generate(int n, long seed) {
        Random random = new Random(seed);
        List<String> order = new ArrayList<>();
        Map<String, Set<String>> dependencies = new HashMap<>();
        Map<String, Double> durations = new HashMap<>();
        int roots = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            String name = String.format("img%03d", i);
            Set<String> parents = new TreeSet<>();
            if (i >= roots) {
                parents.add(order.get(pickEarlier(random, i)));
                if (random.nextDouble() < 0.15) {
                    parents.add(order.get(random.nextInt(i)));
                }
            }
            order.add(name);
            dependencies.put(name, parents);
            durations.put(name, 60.0 * Math.exp(random.nextGaussian()));
        }
        return new GeneratedDag(order, dependencies, durations);
    }

    /** An earlier index, biased towards the recent ones, so that families grow deep as well as wide. */
    private static int pickEarlier(Random random, int i) {
        double u = random.nextDouble();
        return Math.max(0, Math.min(i - 1, (int) (i * Math.sqrt(u))));
    }

    Map<String, Set<String>> dependants() {
        Map<String, Set<String>> dependants = new HashMap<>();
        dependencies.forEach((child, parents) -> parents.forEach(
                parent -> dependants.computeIfAbsent(parent, k -> new TreeSet<>()).add(child)));
        return dependants;
    }

    /** max(critical path, total work / slots): no schedule can finish sooner. */
    double lowerBound(int slots) {
        double criticalPath = io.imagegraph.core.build.CriticalPath.remaining(order, dependants(), durations)
                .values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double work = durations.values().stream().mapToDouble(Double::doubleValue).sum();
        return Math.max(criticalPath, work / slots);
    }

    Map<String, Integer> generations() {
        Map<String, Integer> depth = new HashMap<>();
        for (String image : order) {
            depth.put(image, dependencies.get(image).stream().mapToInt(depth::get).max().orElse(-1) + 1);
        }
        return depth;
    }
}
