package io.imagegraph.core.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DurationEstimatesTest {

    private static LineageRecord run(String image, String status, long millis) {
        return new LineageRecord(image, status, "sha256:" + "a".repeat(64), image, "sha256:" + "b".repeat(64),
                List.of(), List.of(), null, "t", "r", millis);
    }

    @Test
    void medianOfTheLastFiveBuilds_reusesIgnored() {
        List<LineageRecord> history = List.of(run("a", "built", 100_000), run("a", "built", 2_000), run("a", "built", 4_000),
                run("a", "built", 6_000), run("a", "built", 8_000), run("a", "built", 10_000), run("a", "reused", 1));
        assertThat(DurationEstimates.of(history, List.of("a"))).containsEntry("a", 6.0);
    }

    @Test
    void unknownImage_getsTheMedianOfTheKnown_orOne() {
        List<LineageRecord> history = List.of(run("a", "built", 2_000), run("b", "built", 4_000), run("c", "built", 30_000));
        assertThat(DurationEstimates.of(history, List.of("a", "b", "c", "new"))).containsEntry("new", 4.0);
        assertThat(DurationEstimates.of(List.of(), List.of("x"))).containsEntry("x", 1.0);
    }
}
