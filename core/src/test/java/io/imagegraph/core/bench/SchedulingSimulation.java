package io.imagegraph.core.bench;

import io.imagegraph.core.build.CriticalPath;
import io.imagegraph.core.build.StartOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;

/**
 * Discrete-event simulation of building a DAG on N slots under three policies, returning the
 * makespan (seconds until the last image is done):
 * <ul>
 *   <li>{@link #criticalPathFirst}: image-graph's policy, through the same {@link StartOrder} and
 *       {@link CriticalPath} that {@code BuildScheduler} uses, with durations as estimated from
 *       earlier builds (the true durations with noise);</li>
 *   <li>{@link #fifo}: a FIFO queue that a child joins when its last parent finishes (Kolla);</li>
 *   <li>{@link #generationStages}: one parallel stage per generation, each waiting for the whole
 *       previous one (a typical hand-written Jenkinsfile), FIFO on the slots within a stage.</li>
 * </ul>
 */
final class SchedulingSimulation {

    private SchedulingSimulation() {
    }

    static double criticalPathFirst(GeneratedDag dag, int slots, Map<String, Double> estimates) {
        return simulate(dag, slots, new PriorityQueue<>(StartOrder.byCriticalPath(
                CriticalPath.remaining(dag.order(), dag.dependants(), estimates))));
    }

    static double fifo(GeneratedDag dag, int slots) {
        return simulate(dag, slots, new ArrayDeque<>());
    }

    static double generationStages(GeneratedDag dag, int slots) {
        Map<String, Integer> generation = dag.generations();
        int deepest = generation.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        double clock = 0;
        for (int g = 0; g <= deepest; g++) {
            int stage = g;
            List<String> members = dag.order().stream().filter(image -> generation.get(image) == stage).toList();
            PriorityQueue<Double> slotFree = new PriorityQueue<>();
            for (int s = 0; s < slots; s++) {
                slotFree.add(clock);
            }
            double stageEnd = clock;
            for (String image : members) {
                double start = slotFree.poll();
                double end = start + dag.durations().get(image);
                slotFree.add(end);
                stageEnd = Math.max(stageEnd, end);
            }
            clock = stageEnd;
        }
        return clock;
    }

    private record Running(String task, double end) {
    }

    private static double simulate(GeneratedDag dag, int slots, Queue<String> ready) {
        Map<String, Set<String>> dependants = dag.dependants();
        Map<String, Integer> waiting = new HashMap<>();
        dag.order().forEach(task -> waiting.put(task, dag.dependencies().get(task).size()));
        dag.order().stream().filter(task -> waiting.get(task) == 0).forEach(ready::add);
        PriorityQueue<Running> running = new PriorityQueue<>(Comparator.comparingDouble(Running::end)
                .thenComparing(Running::task));
        double clock = 0;
        int finished = 0;
        while (finished < dag.order().size()) {
            while (running.size() < slots && !ready.isEmpty()) {
                String task = ready.poll();
                running.add(new Running(task, clock + dag.durations().get(task)));
            }
            Running next = running.poll();
            clock = next.end();
            finished++;
            List<String> released = new ArrayList<>();
            for (String child : dependants.getOrDefault(next.task(), Set.of())) {
                if (waiting.merge(child, -1, Integer::sum) == 0) {
                    released.add(child);
                }
            }
            released.forEach(ready::add);
        }
        return clock;
    }
}
