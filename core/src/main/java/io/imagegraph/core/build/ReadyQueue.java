package io.imagegraph.core.build;

import java.util.Comparator;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The scheduling policy: of the tasks that are ready, the one with the longest remaining critical
 * path goes first; ties go by name, so a run is reproducible. {@link BuildScheduler} uses it, and
 * so does the benchmark that compares it with other policies.
 */
public final class ReadyQueue {

    private final PriorityQueue<String> queue;

    public ReadyQueue(Map<String, Double> remainingCriticalPath) {
        this.queue = new PriorityQueue<>(Comparator
                .comparing((String task) -> -remainingCriticalPath.getOrDefault(task, 0.0))
                .thenComparing(Comparator.naturalOrder()));
    }

    public void add(String task) {
        queue.add(task);
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /** The next task to start. */
    public String poll() {
        return queue.poll();
    }
}
