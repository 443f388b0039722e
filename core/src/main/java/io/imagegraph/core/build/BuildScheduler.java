package io.imagegraph.core.build;

import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Runs the tasks of a DAG on N slots. Among the ready tasks (every dependency succeeded), the one
 * with the longest remaining critical path starts first. A failed task's dependants are not run
 * (they are {@link Outcome#PARENT_FAILED}) while independent branches go on; with fail-fast the
 * first failure stops everything. Interrupting the calling thread cancels the run: running tasks
 * are interrupted and waited for, so nothing is left half-done.
 */
public final class BuildScheduler {

    /** How a task ended. */
    public enum Outcome { SUCCEEDED, FAILED, PARENT_FAILED, CANCELLED }

    /** One task's work; returns whether it succeeded. */
    @FunctionalInterface
    public interface Work {
        boolean run(String task) throws InterruptedException;
    }

    private final int slots;
    private final boolean failFast;

    public BuildScheduler(int slots, boolean failFast) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, not " + slots);
        }
        this.slots = slots;
        this.failFast = failFast;
    }

    /**
     * @param order        every task, each after its dependencies
     * @param dependencies task to the tasks it needs (only tasks of this run)
     * @param priority     task to its remaining critical path; larger starts first
     * @return every task's outcome
     */
    public Map<String, Outcome> run(List<String> order, Map<String, Set<String>> dependencies,
                                    Map<String, Double> priority, Work work) throws InterruptedException {
        TaskRun<Boolean> tasks = new TaskRun<>(order, dependencies, slots, "imagegraph-build");
        PriorityQueue<String> ready = new PriorityQueue<>(StartOrder.byCriticalPath(priority));
        ready.addAll(tasks.initiallyReady());
        boolean stopping = false;
        try {
            while (true) {
                while (!stopping && tasks.running() < slots && !ready.isEmpty()) {
                    String task = ready.poll();
                    tasks.start(task, () -> work.run(task));
                }
                if (tasks.running() == 0) {
                    break;
                }
                TaskRun.Ended<Boolean> ended = tasks.next();
                if (ended.result().isEmpty()) {
                    continue;
                }
                if (ended.result().get()) {
                    ready.addAll(tasks.succeeded(ended.task()));
                } else {
                    tasks.failed(ended.task());
                    if (failFast && !stopping) {
                        stopping = true;
                        tasks.cancelRunning();
                    }
                }
            }
        } catch (InterruptedException e) {
            tasks.finish(true);
            throw e;
        } catch (RuntimeException e) {
            tasks.abandon();
            throw e;
        }
        return tasks.finish(false);
    }
}
