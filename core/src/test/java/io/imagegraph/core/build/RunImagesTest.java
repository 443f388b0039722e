package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.graph.GraphLoadResult;
import io.imagegraph.core.plan.ChangeSet;
import io.imagegraph.core.plan.Planner;
import io.imagegraph.core.plan.Selection;
import io.imagegraph.core.testing.GraphFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which images a run takes on, from its plan alone (no builder). */
class RunImagesTest {

    @TempDir
    Path dir;

    private RunImages run(Optional<ChangeSet> changes) throws Exception {
        GraphLoadResult loaded = new GraphFixture(dir)
                .image("base", "FROM scratch\nCOPY base.txt /\n").file("images/base/base.txt", "base\n")
                .image("mid", "FROM base\nCOPY mid.txt /\n").file("images/mid/mid.txt", "mid\n")
                .image("leaf", "FROM mid\nCOPY leaf.txt /\n").file("images/leaf/leaf.txt", "leaf\n")
                .image("sibling", "FROM base\n").load();
        return RunImages.of(Planner.plan(loaded.graph().orElseThrow(), loaded.warnings(), Selection.all(), changes));
    }

    @Test
    void noChangeSet_everyImageIsInTheRun_eachAfterItsParents_noneOnlyNeeded() throws Exception {
        RunImages run = run(Optional.empty());
        assertThat(run.inRunOrder()).containsExactlyInAnyOrder("base", "mid", "leaf", "sibling");
        assertThat(run.inRunOrder().indexOf("base")).isLessThan(run.inRunOrder().indexOf("mid"));
        assertThat(run.inRunOrder().indexOf("mid")).isLessThan(run.inRunOrder().indexOf("leaf"));
        assertThat(run.neededBy()).isEmpty();
    }

    @Test
    void leafChanged_itsAncestorsAreInTheRunNeededByIt_theSiblingIsNot() throws Exception {
        RunImages run = run(Optional.of(new ChangeSet("test", List.of("images/leaf/leaf.txt"))));
        assertThat(run.inRunOrder()).containsExactly("base", "mid", "leaf");
        assertThat(run.neededBy()).containsEntry("base", "leaf").containsEntry("mid", "leaf").doesNotContainKey("leaf");
        assertThat(run.inRun()).doesNotContain("sibling");
        assertThat(run.planned()).containsKeys("base", "mid", "leaf", "sibling");
    }
}
