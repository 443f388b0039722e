package io.imagegraph.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.BuildReportJson;
import io.imagegraph.core.build.ImageResult;
import io.imagegraph.core.build.ImageStatus;
import io.imagegraph.core.gate.GateReportJson;
import io.imagegraph.core.gate.SmokeGate;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.testing.GraphFixture;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate with deployment scripts, which run on the host: no engine needed. */
class GateRunTest {

    @TempDir
    Path dir;

    private Path run(String... images) throws Exception {
        List<ImageResult> results = new java.util.ArrayList<>();
        for (String image : images) {
            results.add(new ImageResult(image, ImageStatus.BUILT, Optional.of("sha256:" + "e".repeat(64)),
                    Optional.empty(), List.of("acme/" + image + ":test"), "sha256:" + "1".repeat(64), Duration.ZERO,
                    Optional.empty(), "built", 1));
        }
        Path report = dir.resolve("runs/r/build-report.json");
        Files.createDirectories(report.getParent());
        try (Writer writer = Files.newBufferedWriter(report)) {
            BuildReportJson.write(new BuildReport("run-1", Instant.now(), Instant.now(), results), writer);
        }
        return report;
    }

    private static GateRun gate() {
        return new GateRun(new SmokeGate(new LocalProcessRunner(), "docker", Map.of(), event -> { }, Clock.systemUTC()));
    }

    @Test
    void run_deploymentScript_seesEveryImage_andTheReportGoesBesideTheBuildReport() throws Exception {
        GraphFixture fixture = new GraphFixture(dir).image("app", "FROM scratch\n")
                .executable("tests/deploy.sh", "#!/bin/sh\ntest -n \"$IMAGEGRAPH_IMAGE_APP\"\n");
        Path report = run("app");
        GateRun.Outcome outcome = gate().run(fixture.graph(), new GateRun.Request(report, List.of("tests/deploy.sh"),
                60, Optional.empty()));
        assertThat(outcome.report().passed()).isTrue();
        assertThat(outcome.file()).isEqualTo(report.toAbsolutePath().resolveSibling("test-report.json"));
        assertThat(GateReportJson.read(outcome.file()).passed()).isTrue();
    }

    @Test
    void run_imageTheGraphDoesNotHave_isAWrongRequest() throws Exception {
        GraphFixture fixture = new GraphFixture(dir).image("other", "FROM scratch\n");
        Path report = run("app");
        assertThatThrownBy(() -> gate().run(fixture.graph(), new GateRun.Request(report, List.of(), 60,
                Optional.empty()))).isInstanceOf(RunRequestException.class)
                .hasMessageContaining("app from " + report + " is not an image of the graph");
    }

    @Test
    void run_zeroTimeLimit_isAWrongRequest() throws Exception {
        GraphFixture fixture = new GraphFixture(dir).image("app", "FROM scratch\n");
        assertThatThrownBy(() -> gate().run(fixture.graph(), new GateRun.Request(run("app"), List.of(), 0,
                Optional.empty()))).isInstanceOf(RunRequestException.class).hasMessageContaining("at least 1 second");
    }
}
