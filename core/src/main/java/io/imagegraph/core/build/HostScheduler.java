package io.imagegraph.core.build;

import io.imagegraph.core.build.BuildScheduler.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
        Comparator<String> first = StartOrder.byCriticalPath(priority);
        int total = hosts.stream().mapToInt(host -> host.host().slots()).sum();
        TaskRun<Done> tasks = new TaskRun<>(order, dependencies, total, "imagegraph-host-build");
        List<String> ready = new ArrayList<>(tasks.initiallyReady());
        Map<String, Set<String>> holders = new HashMap<>();
        Map<String, Integer> free = new HashMap<>();
        hosts.forEach(host -> free.put(host.name(), host.host().slots()));
        Map<String, Integer> losses = new HashMap<>();
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
                            refusal.refuse(task, "no build host can build " + task + " ("
                                    + String.join("; ", refusals) + ")");
                            tasks.failed(task);
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
                        tasks.start(task, () -> new Done(task, host, work.run(task, host, lostBefore)));
                    }
                }
                if (tasks.running() == 0) {
                    break;
                }
                TaskRun.Ended<Done> ended = tasks.next();
                if (ended.result().isEmpty()) {
                    continue;
                }
                Done done = ended.result().get();
                String task = done.task();
                free.merge(done.host().name(), 1, Integer::sum);
                if (done.verdict().hostLost().isPresent()) {
                    String host = done.host().name();
                    downReasons.putIfAbsent(host, done.verdict().hostLost().get());
                    lostTasks.computeIfAbsent(host, k -> new ArrayList<>()).add(task);
                    losses.merge(task, 1, Integer::sum);
                    ready.add(task);
                } else if (done.verdict().succeeded()) {
                    placedOn.put(task, done.host().name());
                    holders.computeIfAbsent(task, k -> new HashSet<>()).add(done.host().name());
                    dependencies.getOrDefault(task, Set.of()).forEach(parent ->
                            holders.computeIfAbsent(parent, k -> new HashSet<>()).add(done.host().name()));
                    ready.addAll(tasks.succeeded(task));
                } else {
                    tasks.failed(task);
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
}
