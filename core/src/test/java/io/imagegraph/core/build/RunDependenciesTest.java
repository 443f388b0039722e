package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.testing.GraphFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which images of a build order wait for which, from the graph alone. */
class RunDependenciesTest {

    @TempDir
    Path dir;

    private ImageGraph graph() throws Exception {
        return new GraphFixture(dir).image("base", "FROM scratch\n").image("mid", "FROM base\n")
                .image("leaf", "FROM mid\n").image("sibling", "FROM base\n").load().graph().orElseThrow();
    }

    @Test
    void everyImageInTheOrder_waitsForItsParents_andTheParentsKnowTheirDependants() throws Exception {
        RunDependencies waits = RunDependencies.of(graph(), List.of("base", "mid", "leaf", "sibling"));
        assertThat(waits.dependencies()).containsEntry("base", Set.of()).containsEntry("mid", Set.of("base"))
                .containsEntry("leaf", Set.of("mid")).containsEntry("sibling", Set.of("base"));
        assertThat(waits.dependants()).containsEntry("base", Set.of("mid", "sibling")).containsEntry("mid", Set.of("leaf"))
                .doesNotContainKey("leaf");
    }

    @Test
    void aParentNotInTheOrder_reusedOrFoundInTheRegistry_isNotWaitedFor() throws Exception {
        RunDependencies waits = RunDependencies.of(graph(), List.of("mid", "leaf"));
        assertThat(waits.dependencies()).containsEntry("mid", Set.of()).containsEntry("leaf", Set.of("mid"))
                .doesNotContainKey("base");
        assertThat(waits.dependants()).doesNotContainKey("base");
    }
}
