package io.imagegraph.core.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchedulingSimulationTest {

    /** base → long1 → long2 (60 s each), base → five 10 s leaves; 2 slots. */
    private static final GeneratedDag CHAIN_AND_LEAVES = new GeneratedDag(
            List.of("base", "a", "b", "c", "d", "e", "long1", "long2"),
            Map.of("base", Set.of(), "a", Set.of("base"), "b", Set.of("base"), "c", Set.of("base"), "d", Set.of("base"),
                    "e", Set.of("base"), "long1", Set.of("base"), "long2", Set.of("long1")),
            Map.of("base", 10.0, "a", 10.0, "b", 10.0, "c", 10.0, "d", 10.0, "e", 10.0, "long1", 60.0, "long2", 60.0));

    @Test
    void criticalPathFirst_startsTheLongChainAtOnce_fifoDoesNot() {
        assertThat(SchedulingSimulation.criticalPathFirst(CHAIN_AND_LEAVES, 2, CHAIN_AND_LEAVES.durations()))
                .isEqualTo(130.0);
        assertThat(SchedulingSimulation.fifo(CHAIN_AND_LEAVES, 2)).isEqualTo(150.0);
        assertThat(SchedulingSimulation.generationStages(CHAIN_AND_LEAVES, 2)).isEqualTo(150.0);
        assertThat(CHAIN_AND_LEAVES.lowerBound(2)).isEqualTo(130.0);
    }

    @Test
    void noPolicyBeatsTheLowerBound() {
        for (long seed = 1; seed <= 20; seed++) {
            GeneratedDag dag = GeneratedDag.generate(60, seed);
            for (int slots : new int[] {4, 8}) {
                double bound = dag.lowerBound(slots);
                assertThat(SchedulingSimulation.criticalPathFirst(dag, slots, dag.durations())).isGreaterThanOrEqualTo(bound - 1e-6);
                assertThat(SchedulingSimulation.fifo(dag, slots)).isGreaterThanOrEqualTo(bound - 1e-6);
                assertThat(SchedulingSimulation.generationStages(dag, slots)).isGreaterThanOrEqualTo(bound - 1e-6);
            }
        }
    }
}
