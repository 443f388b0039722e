package io.imagegraph.core.build;

import java.util.Comparator;
import java.util.Map;

/**
 * The scheduling policy: of the tasks that are ready, the one with the longest remaining critical
 * path goes first; ties go by name, so a run is reproducible. {@link BuildScheduler} orders its
 * ready queue with it, and so does the benchmark that compares it with other policies.
 */
public final class StartOrder {

    private StartOrder() {
    }

    /** Orders tasks by descending remaining critical path, then by name. */
    public static Comparator<String> byCriticalPath(Map<String, Double> remainingCriticalPath) {
        return Comparator.comparing((String task) -> -remainingCriticalPath.getOrDefault(task, 0.0))
                .thenComparing(Comparator.naturalOrder());
    }
}
