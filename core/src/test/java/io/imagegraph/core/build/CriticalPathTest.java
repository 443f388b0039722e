package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CriticalPathTest {

    @Test
    void remaining_isOwnDurationPlusLongestPathAfter() {
        Map<String, Double> remaining = CriticalPath.remaining(List.of("base", "a", "b", "c"),
                Map.of("base", Set.of("a", "b"), "a", Set.of("c")),
                Map.of("base", 1.0, "a", 2.0, "b", 10.0, "c", 3.0));
        assertThat(remaining).containsEntry("c", 3.0).containsEntry("a", 5.0).containsEntry("b", 10.0)
                .containsEntry("base", 11.0);
    }

    @Test
    void remaining_withoutDurations_countsImages() {
        assertThat(CriticalPath.remaining(List.of("x", "y"), Map.of("x", Set.of("y")), Map.of()))
                .containsEntry("x", 2.0).containsEntry("y", 1.0);
    }
}
