package io.imagegraph.core.build;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
        Map<String, List<String>> dependants = new HashMap<>();
        Map<String, Integer> waiting = new HashMap<>();
        for (String task : order) {
            Set<String> needs = dependencies.getOrDefault(task, Set.of());
            waiting.put(task, needs.size());
            needs.forEach(need -> dependants.computeIfAbsent(need, k -> new ArrayList<>()).add(task));
        }
        PriorityQueue<String> ready = new PriorityQueue<>(StartOrder.byCriticalPath(priority));
        order.stream().filter(task -> waiting.get(task) == 0).forEach(ready::add);
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(slots, runnable -> {
            Thread thread = new Thread(runnable, "imagegraph-build");
            thread.setDaemon(true);
            return thread;
        });
        ExecutorCompletionService<Map.Entry<String, Boolean>> completion = new ExecutorCompletionService<>(pool);
        Map<String, Future<Map.Entry<String, Boolean>>> running = new HashMap<>();
        boolean stopping = false;
        try {
            while (true) {
                while (!stopping && running.size() < slots && !ready.isEmpty()) {
                    String task = ready.poll();
                    running.put(task, completion.submit(() -> Map.entry(task, work.run(task))));
                }
                if (running.isEmpty()) {
                    break;
                }
                Future<Map.Entry<String, Boolean>> done = completion.take();
                Map.Entry<String, Boolean> result = result(done);
                String task = result == null ? taskOf(running, done) : result.getKey();
                running.remove(task);
                boolean succeeded = result != null && result.getValue();
                outcomes.put(task, result == null ? Outcome.CANCELLED : succeeded ? Outcome.SUCCEEDED : Outcome.FAILED);
                if (succeeded) {
                    for (String next : dependants.getOrDefault(task, List.of())) {
                        if (waiting.merge(next, -1, Integer::sum) == 0) {
                            ready.add(next);
                        }
                    }
                } else {
                    markDependants(task, dependants, outcomes);
                    if (failFast && !stopping) {
                        stopping = true;
                        running.values().forEach(future -> future.cancel(true));
                    }
                }
            }
        } catch (InterruptedException e) {
            running.values().forEach(future -> future.cancel(true));
            pool.shutdownNow();
            awaitQuietly(pool);
            order.forEach(task -> outcomes.putIfAbsent(task, Outcome.CANCELLED));
            throw e;
        } finally {
            pool.shutdownNow();
        }
        awaitQuietly(pool);
        order.forEach(task -> outcomes.putIfAbsent(task, Outcome.CANCELLED));
        Map<String, Outcome> ordered = new LinkedHashMap<>();
        order.forEach(task -> ordered.put(task, outcomes.get(task)));
        return ordered;
    }

    private static Map.Entry<String, Boolean> result(Future<Map.Entry<String, Boolean>> done) throws InterruptedException {
        try {
            return done.get();
        } catch (java.util.concurrent.CancellationException e) {
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InterruptedException) {
                return null;
            }
            throw new IllegalStateException("a build task failed unexpectedly", e.getCause());
        }
    }

    private static String taskOf(Map<String, Future<Map.Entry<String, Boolean>>> running,
                                 Future<Map.Entry<String, Boolean>> done) {
        return running.entrySet().stream().filter(e -> e.getValue() == done).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
    }

    private static void markDependants(String failed, Map<String, List<String>> dependants, Map<String, Outcome> outcomes) {
        Deque<String> todo = new ArrayDeque<>(dependants.getOrDefault(failed, List.of()));
        while (!todo.isEmpty()) {
            String task = todo.pop();
            if (outcomes.putIfAbsent(task, Outcome.PARENT_FAILED) == null) {
                todo.addAll(dependants.getOrDefault(task, List.of()));
            }
        }
    }

    private static void awaitQuietly(ExecutorService pool) throws InterruptedException {
        if (!pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("build tasks did not stop within 60 s of being cancelled");
        }
    }
}
