package io.imagegraph.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.graph.GraphLoadResult;
import io.imagegraph.core.testing.GraphFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanDotTest {

    @Test
    void write_drawsImagesEdgesAndExternalBases(@TempDir Path dir) throws Exception {
        GraphLoadResult result = new GraphFixture(dir)
                .image("base", "FROM debian:12\n")
                .image("app", "FROM base\n")
                .load();
        Plan plan = Planner.plan(result.graph().orElseThrow(), result.warnings(), Selection.all(),
                Optional.of(new ChangeSet("t", List.of("images/app/Dockerfile"))));
        String dot = PlanDot.write(plan);
        assertThat(dot).startsWith("digraph imagegraph {\n").endsWith("}\n");
        assertThat(dot).contains("\"base\" -> \"app\";");
        assertThat(dot).contains("\"external:debian:12\" -> \"base\" [style=dashed];");
        assertThat(dot).containsPattern("\"app\" \\[label=\"app\\\\n[0-9a-f]{12}\\\\nbuild\", fillcolor=\"#cfe3ff\"\\]");
        assertThat(dot).containsPattern("\"base\" \\[label=\"base\\\\n[0-9a-f]{12}\\\\nunchanged\"");
    }
}
