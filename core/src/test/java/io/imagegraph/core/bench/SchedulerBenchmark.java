package io.imagegraph.core.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark 1 of docs/benchmarks.md: makespan divided by the lower bound
 * max(critical path, total work / slots) on generated DAGs, for image-graph's critical-path-first
 * policy, Kolla's FIFO and one parallel stage per generation. Run with bench/scheduler.sh.
 */
public final class SchedulerBenchmark {

    private static final int SEEDS = 50;

    private SchedulerBenchmark() {
    }

    public static void main(String[] args) {
        System.out.printf("%5s %5s  %-22s %-22s %-22s %s%n", "n", "slots", "critical path (avg/max)",
                "FIFO (avg/max)", "per generation (avg/max)", "critical path worse than FIFO");
        for (int n : new int[] {60, 300}) {
            for (int slots : new int[] {4, 8, 16}) {
                double[] sum = new double[3];
                double[] max = new double[3];
                int worseThanFifo = 0;
                for (int seed = 1; seed <= SEEDS; seed++) {
                    GeneratedDag dag = GeneratedDag.generate(n, seed * 7919L + n);
                    double bound = dag.lowerBound(slots);
                    double cp = SchedulingSimulation.criticalPathFirst(dag, slots, noisyEstimates(dag, seed)) / bound;
                    double fifo = SchedulingSimulation.fifo(dag, slots) / bound;
                    double stages = SchedulingSimulation.generationStages(dag, slots) / bound;
                    double[] ratios = {cp, fifo, stages};
                    for (int p = 0; p < 3; p++) {
                        sum[p] += ratios[p];
                        max[p] = Math.max(max[p], ratios[p]);
                    }
                    if (cp > fifo + 1e-9) {
                        worseThanFifo++;
                    }
                }
                System.out.printf("%5d %5d  %-22s %-22s %-22s %d of %d%n", n, slots, pair(sum[0] / SEEDS, max[0]),
                        pair(sum[1] / SEEDS, max[1]), pair(sum[2] / SEEDS, max[2]), worseThanFifo, SEEDS);
            }
        }
    }

    /** The durations as the scheduler would estimate them from earlier builds: the truth, ±25 % noise. */
    static Map<String, Double> noisyEstimates(GeneratedDag dag, long seed) {
        Random random = new Random(seed);
        Map<String, Double> estimates = new HashMap<>();
        for (String image : dag.order()) {
            estimates.put(image, dag.durations().get(image) * Math.exp(0.25 * random.nextGaussian()));
        }
        return estimates;
    }

    private static String pair(double average, double worst) {
        return String.format("%.3f / %.3f", average, worst);
    }
}
