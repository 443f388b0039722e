package io.imagegraph.core.build;

import io.imagegraph.core.build.BuildScheduler.Outcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What {@link BuildScheduler} and {@link HostScheduler} share: the tasks of a DAG running on a
 * pool of threads, taken back as they end, each task's outcome, the dependants a success makes
 * ready and those a failure stops ({@link Outcome#PARENT_FAILED}). The schedulers only choose
 * what starts next, and where.
 *
 * @param <R> what one task's work returns
 */
final class TaskRun<R> {

    /** A task that ended: what its work returned, or empty when it was cancelled (recorded so). */
    record Ended<R>(String task, Optional<R> result) {
    }

    private final List<String> order;
    private final Map<String, List<String>> dependants = new HashMap<>();
    private final Map<String, Integer> waiting = new HashMap<>();
    private final Map<String, Outcome> outcomes = new LinkedHashMap<>();
    private final ExecutorService pool;
    private final ExecutorCompletionService<R> completion;
    private final Map<Future<R>, String> running = new HashMap<>();

    /**
     * @param order        every task, each after its dependencies
     * @param dependencies task to the tasks it needs (only tasks of this run)
     * @param threads      how many tasks may run at once
     */
    TaskRun(List<String> order, Map<String, Set<String>> dependencies, int threads, String threadName) {
        this.order = List.copyOf(order);
        for (String task : order) {
            Set<String> needs = dependencies.getOrDefault(task, Set.of());
            waiting.put(task, needs.size());
            needs.forEach(need -> dependants.computeIfAbsent(need, k -> new ArrayList<>()).add(task));
        }
        this.pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        this.completion = new ExecutorCompletionService<>(pool);
    }

    /** The tasks that need nothing, in order. */
    List<String> initiallyReady() {
        return order.stream().filter(task -> waiting.get(task) == 0).toList();
    }

    void start(String task, Callable<R> work) {
        running.put(completion.submit(work), task);
    }

    int running() {
        return running.size();
    }

    /** Waits for the next running task to end; a cancelled one is recorded {@link Outcome#CANCELLED}. */
    Ended<R> next() throws InterruptedException {
        Future<R> future = completion.take();
        String task = running.remove(future);
        try {
            return new Ended<>(task, Optional.of(future.get()));
        } catch (CancellationException e) {
            outcomes.put(task, Outcome.CANCELLED);
            return new Ended<>(task, Optional.empty());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InterruptedException) {
                outcomes.put(task, Outcome.CANCELLED);
                return new Ended<>(task, Optional.empty());
            }
            throw new IllegalStateException("a build task failed unexpectedly", e.getCause());
        }
    }

    /** Records the success; returns the dependants it made ready (each of their dependencies succeeded). */
    List<String> succeeded(String task) {
        outcomes.put(task, Outcome.SUCCEEDED);
        List<String> ready = new ArrayList<>();
        for (String next : dependants.getOrDefault(task, List.of())) {
            if (waiting.merge(next, -1, Integer::sum) == 0) {
                ready.add(next);
            }
        }
        return ready;
    }

    /** Records the failure, and every task that depends on it as {@link Outcome#PARENT_FAILED}. */
    void failed(String task) {
        outcomes.put(task, Outcome.FAILED);
        Deque<String> todo = new ArrayDeque<>(dependants.getOrDefault(task, List.of()));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (outcomes.putIfAbsent(next, Outcome.PARENT_FAILED) == null) {
                todo.addAll(dependants.getOrDefault(next, List.of()));
            }
        }
    }

    /** Interrupts every running task (fail-fast); each then ends as cancelled. */
    void cancelRunning() {
        running.keySet().forEach(future -> future.cancel(true));
    }

    /** Interrupts the running tasks and stops the pool without waiting (the run ends with an unexpected error). */
    void abandon() {
        cancelRunning();
        pool.shutdownNow();
    }

    /**
     * Stops the pool and waits for its threads, so that nothing is left half-done; returns every
     * task's outcome in order, {@link Outcome#CANCELLED} for those that never ended. With
     * {@code interrupted}, the running tasks are interrupted first.
     */
    Map<String, Outcome> finish(boolean interrupted) throws InterruptedException {
        if (interrupted) {
            cancelRunning();
        }
        pool.shutdownNow();
        if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("build tasks did not stop within 60 s of being cancelled");
        }
        Map<String, Outcome> ordered = new LinkedHashMap<>();
        order.forEach(task -> ordered.put(task, outcomes.getOrDefault(task, Outcome.CANCELLED)));
        return ordered;
    }
}
