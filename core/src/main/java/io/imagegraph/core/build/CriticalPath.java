package io.imagegraph.core.build;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For each task of a DAG, the longest remaining path to a leaf: its own estimated duration plus
 * the longest remaining path among its dependants. The scheduler starts the ready task with the
 * longest one first, because nothing finishes before its critical path does.
 */
public final class CriticalPath {

    private CriticalPath() {
    }

    /**
     * @param order      every task, each after all of its dependencies
     * @param dependants task to the tasks that wait for it
     * @param duration   task to its estimated duration (any unit)
     */
    public static Map<String, Double> remaining(List<String> order, Map<String, Set<String>> dependants,
                                                Map<String, Double> duration) {
        Map<String, Double> remaining = new HashMap<>();
        List<String> reversed = new ArrayList<>(order);
        java.util.Collections.reverse(reversed);
        for (String task : reversed) {
            double longestAfter = 0;
            for (String next : dependants.getOrDefault(task, Set.of())) {
                longestAfter = Math.max(longestAfter, remaining.getOrDefault(next, 0.0));
            }
            remaining.put(task, duration.getOrDefault(task, 1.0) + longestAfter);
        }
        return remaining;
    }
}
