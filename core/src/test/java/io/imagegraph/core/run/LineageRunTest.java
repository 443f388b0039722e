package io.imagegraph.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.build.BuildReportJson;
import io.imagegraph.core.gate.GateReportJson;
import io.imagegraph.core.gate.SmokeStatus;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.promote.PromotionReportJson;
import io.imagegraph.core.report.NodeStatus;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.testing.GraphFixture;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageRunTest {

    @TempDir
    Path dir;
    private ImageGraph graph;
    private Path buildReport;
    private StateDirectory state;

    @BeforeEach
    void run() throws Exception {
        graph = new GraphFixture(dir.resolve("graph")).image("base", "FROM scratch\n").image("app", "FROM base\n")
                .image("tool", "FROM base\n").image("docs", "FROM scratch\n").graph();
        Path runDirectory = Files.createDirectories(dir.resolve("runs/run-3"));
        buildReport = runDirectory.resolve("build-report.json");
        Files.writeString(buildReport, BuildReportJson.write(RunFixtures.build()));
        state = StateDirectory.at(dir.resolve("state"));
    }

    @Test
    void beside_drawsTheBuildAlone_whenNothingElseRan() throws Exception {
        LineageRun.Outcome drawn = LineageRun.run(graph, LineageRun.Request.beside(buildReport), state);
        assertThat(drawn.html()).isEqualTo(buildReport.resolveSibling("lineage.html"));
        assertThat(Files.readString(drawn.html())).contains("<svg").contains("run-3");
        assertThat(Files.readString(buildReport.resolveSibling("lineage.svg"))).isEqualTo(drawn.picture());
        assertThat(drawn.view().node("app").orElseThrow().statuses()).containsExactly(NodeStatus.BUILT);
    }

    @Test
    void beside_takesTheTestAndPromotionReportsFoundThere() throws Exception {
        try (Writer writer = Files.newBufferedWriter(buildReport.resolveSibling(GateReportJson.FILE_NAME))) {
            GateReportJson.write(RunFixtures.gate(SmokeStatus.PASSED), writer);
        }
        try (Writer writer = Files.newBufferedWriter(buildReport.resolveSibling(PromotionReportJson.FILE_NAME))) {
            PromotionReportJson.write(RunFixtures.promotion(false), writer);
        }
        LineageRun.Outcome drawn = LineageRun.run(graph, LineageRun.Request.beside(buildReport), state);
        assertThat(drawn.view().node("app").orElseThrow().statuses()).contains(NodeStatus.PROMOTED);
    }

    @Test
    void run_givenTestReportMissing_isRefusedNamingIt() {
        Path missing = dir.resolve("nope/test-report.json");
        assertThatThrownBy(() -> LineageRun.run(graph, new LineageRun.Request(buildReport, Optional.of(missing),
                Optional.empty(), Optional.empty(), Optional.empty()), state))
                .isInstanceOf(RunRequestException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void run_buildReportMissing_isRefusedNamingIt() {
        Path missing = dir.resolve("runs/none/build-report.json");
        assertThatThrownBy(() -> LineageRun.run(graph, LineageRun.Request.beside(missing), state))
                .isInstanceOf(RunRequestException.class)
                .hasMessageContaining(missing.toString());
    }
}
