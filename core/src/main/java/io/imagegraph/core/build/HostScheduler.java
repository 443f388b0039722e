package io.imagegraph.core.build;

import io.imagegraph.core.build.BuildScheduler.Outcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs the tasks of a DAG on the slots of several build hosts. Whenever a slot is free, the ready
 * task with the longest remaining critical path goes first, to the host that already holds most of
 * its parents (it built or pulled them), else to the host with the most free slots. A host whose
 * Engine stops answering is marked down: the tasks it was running go back to the ready ones and
 * run on the other hosts; nothing more is given to it. A task no host can build is refused.
 */
public final class HostScheduler {

    /** How one task ended on its host. */
    public record Verdict(boolean succeeded, Optional<String> hostLost) {

        public static Verdict success() {
            return new Verdict(true, Optional.empty());
        }

        public static Verdict failure() {
            return new Verdict(false, Optional.empty());
        }

        /** The host stopped answering while the task ran there; why, in words. */
        public static Verdict lost(String why) {
            return new Verdict(false, Optional.of(why));
        }
    }

    /** One task's work on one host; {@code hostsLost} is how many hosts it was lost with before. */
    @FunctionalInterface
    public interface Work {
        Verdict run(String task, HostEngine host, int hostsLost) throws InterruptedException;
    }

    /** Why a host cannot build a task (no BuildKit, say), or empty when it can. */
    @FunctionalInterface
    public interface Eligibility {
        Optional<String> refusal(String task, HostEngine host) throws InterruptedException;
    }

    /** Records that no host could take a task, and why. */
    @FunctionalInterface
    public interface Refusal {
        void refuse(String task, String reason);
    }

    /** A host marked down during the run: why, and the tasks that were running on it. */
    public record HostDown(String host, String reason, List<String> lostTasks) {
        public HostDown {
            lostTasks = List.copyOf(lostTasks);
        }
    }

    private record Done(String task, HostEngine host, Verdict verdict) {
    }

    private final List<HostEngine> hosts;
    private final boolean failFast;
    private final Map<String, String> downReasons = new LinkedHashMap<>();
    private final Map<String, List<String>> lostTasks = new LinkedHashMap<>();
    private final Map<String, String> placedOn = new HashMap<>();

    public HostScheduler(List<HostEngine> hosts, boolean failFast) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a host scheduler needs at least one host");
        }
        this.hosts = List.copyOf(hosts);
        this.failFast = failFast;
    }

    public Map<String, Outcome> run(List<String> order, Map<String, Set<String>> dependencies,
                                    Map<String, Double> priority, Work work, Eligibility eligibility, Refusal refusal)
            throws InterruptedException {
        Map<String, List<String>> dependants = new HashMap<>();
        Map<String, Integer> waiting = new HashMap<>();
        for (String task : order) {
            Set<String> needs = dependencies.getOrDefault(task, Set.of());
            waiting.put(task, needs.size());
            needs.forEach(need -> dependants.computeIfAbsent(need, k -> new ArrayList<>()).add(task));
        }
        Comparator<String> first = StartOrder.byCriticalPath(priority);
        List<String> ready = new ArrayList<>(order.stream().filter(task -> waiting.get(task) == 0).toList());
        Map<String, Set<String>> holders = new HashMap<>();
        Map<String, Integer> free = new HashMap<>();
        hosts.forEach(host -> free.put(host.name(), host.host().slots()));
        Map<String, Integer> losses = new HashMap<>();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        int total = hosts.stream().mapToInt(host -> host.host().slots()).sum();
        ExecutorService pool = Executors.newFixedThreadPool(total, runnable -> {
            Thread thread = new Thread(runnable, "imagegraph-host-build");
            thread.setDaemon(true);
            return thread;
        });
        ExecutorCompletionService<Done> completion = new ExecutorCompletionService<>(pool);
        Map<Future<Done>, String> running = new HashMap<>();
        boolean stopping = false;
        try {
            while (true) {
                if (!stopping) {
                    ready.sort(first);
                    for (String task : new ArrayList<>(ready)) {
                        if (free.values().stream().allMatch(slots -> slots == 0)) {
                            break;
                        }
                        List<HostEngine> able = new ArrayList<>();
                        List<String> refusals = new ArrayList<>();
                        for (HostEngine host : hosts) {
                            Optional<String> no = downReasons.containsKey(host.name())
                                    ? Optional.of("it is down: " + downReasons.get(host.name()))
                                    : eligibility.refusal(task, host);
                            no.ifPresentOrElse(why -> refusals.add(host.name() + ": " + why), () -> able.add(host));
                        }
                        if (able.isEmpty()) {
                            ready.remove(task);
                            refusal.refuse(task, "no build host can build it (" + String.join("; ", refusals) + ")");
                            outcomes.put(task, Outcome.FAILED);
                            markDependants(task, dependants, outcomes);
                            stopping |= failFast;
                            continue;
                        }
                        Set<String> parents = dependencies.getOrDefault(task, Set.of());
                        Optional<HostEngine> best = able.stream().filter(host -> free.get(host.name()) > 0)
                                .max(Comparator.<HostEngine>comparingLong(host -> parents.stream()
                                                .filter(parent -> holders.getOrDefault(parent, Set.of()).contains(host.name()))
                                                .count())
                                        .thenComparingInt(host -> free.get(host.name()))
                                        .thenComparing(Comparator.<HostEngine>comparingInt(hosts::indexOf).reversed()));
                        if (best.isEmpty()) {
                            continue;
                        }
                        HostEngine host = best.get();
                        ready.remove(task);
                        free.merge(host.name(), -1, Integer::sum);
                        int lostBefore = losses.getOrDefault(task, 0);
                        running.put(completion.submit(() -> new Done(task, host, work.run(task, host, lostBefore))), task);
                    }
                }
                if (running.isEmpty()) {
                    break;
                }
                Future<Done> future = completion.take();
                String task = running.remove(future);
                Done done = result(future);
                if (done == null) {
                    outcomes.put(task, Outcome.CANCELLED);
                    continue;
                }
                free.merge(done.host().name(), 1, Integer::sum);
                if (done.verdict().hostLost().isPresent()) {
                    String host = done.host().name();
                    downReasons.putIfAbsent(host, done.verdict().hostLost().get());
                    lostTasks.computeIfAbsent(host, k -> new ArrayList<>()).add(task);
                    losses.merge(task, 1, Integer::sum);
                    ready.add(task);
                } else if (done.verdict().succeeded()) {
                    placedOn.put(task, done.host().name());
                    outcomes.put(task, Outcome.SUCCEEDED);
                    holders.computeIfAbsent(task, k -> new HashSet<>()).add(done.host().name());
                    dependencies.getOrDefault(task, Set.of()).forEach(parent ->
                            holders.computeIfAbsent(parent, k -> new HashSet<>()).add(done.host().name()));
                    for (String next : dependants.getOrDefault(task, List.of())) {
                        if (waiting.merge(next, -1, Integer::sum) == 0) {
                            ready.add(next);
                        }
                    }
                } else {
                    outcomes.put(task, Outcome.FAILED);
                    markDependants(task, dependants, outcomes);
                    if (failFast && !stopping) {
                        stopping = true;
                        running.keySet().forEach(f -> f.cancel(true));
                    }
                }
            }
        } catch (InterruptedException e) {
            running.keySet().forEach(f -> f.cancel(true));
            pool.shutdownNow();
            awaitQuietly(pool);
            order.forEach(task -> outcomes.putIfAbsent(task, Outcome.CANCELLED));
            throw e;
        } finally {
            pool.shutdownNow();
        }
        awaitQuietly(pool);
        Map<String, Outcome> ordered = new LinkedHashMap<>();
        order.forEach(task -> ordered.put(task, outcomes.getOrDefault(task, Outcome.CANCELLED)));
        return ordered;
    }

    /** The hosts marked down during the last run, in the order they went down. */
    public List<HostDown> hostsDown() {
        List<HostDown> down = new ArrayList<>();
        downReasons.forEach((host, reason) -> down.add(new HostDown(host, reason, lostTasks.getOrDefault(host, List.of()))));
        return down;
    }

    /** The host each succeeded task ran on. */
    public Map<String, String> placements() {
        return Map.copyOf(placedOn);
    }

    private static Done result(Future<Done> future) throws InterruptedException {
        try {
            return future.get();
        } catch (CancellationException e) {
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InterruptedException) {
                return null;
            }
            throw new IllegalStateException("a build task failed unexpectedly", e.getCause());
        }
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
        if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("build tasks did not stop within 60 s of being cancelled");
        }
    }
}
