package io.imagegraph.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.graph.GraphLoadResult;
import io.imagegraph.core.testing.GraphFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {

    @Test
    void toBuild_isSelectedAndAffected_inDependencyOrder(@TempDir Path dir) throws Exception {
        GraphLoadResult result = new GraphFixture(dir)
                .image("base", "FROM scratch\n")
                .image("b", "FROM base\n")
                .image("a", "FROM base\n")
                .image("c", "FROM a\n")
                .load();
        Selection notB = new Selection(List.of(), List.of(), List.of(), List.of("b"), false, false, Optional.empty());
        Plan plan = Planner.plan(result.graph().orElseThrow(), result.warnings(), notB,
                Optional.of(new ChangeSet("t", List.of("images/base/Dockerfile"))));
        assertThat(plan.order()).containsExactly("base", "a", "b", "c");
        assertThat(plan.toBuild()).containsExactly("base", "a", "c");
    }

    @Test
    void withoutChanges_everyImageCountsAsChanged(@TempDir Path dir) throws Exception {
        GraphLoadResult result = new GraphFixture(dir).image("base", "FROM scratch\n").load();
        Plan plan = Planner.plan(result.graph().orElseThrow(), result.warnings(), Selection.all(), Optional.empty());
        assertThat(plan.images().get(0).affectedReasons()).containsExactly(Planner.NO_CHANGE_SET);
        assertThat(plan.toBuild()).containsExactly("base");
    }
}
