package io.imagegraph.core.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateReportJsonTest {

    @TempDir
    Path dir;

    @Test
    void read_whatWriteWrote_givesTheSameReport() throws Exception {
        GateReport report = new GateReport("run-9", List.of(
                new TestedImage("app", "r/app@sha256:" + "a".repeat(64), Optional.of("sha256:" + "a".repeat(64))),
                new TestedImage("tool", "sha256:" + "b".repeat(64), Optional.empty())), List.of(
                new SmokeResult("app/version", List.of("app"), SmokeStatus.PASSED, 0, Duration.ofMillis(120), "1.0",
                        "passed"),
                new SmokeResult("deployment (t.sh)", List.of("app", "tool"), SmokeStatus.TIMED_OUT, -1,
                        Duration.ofSeconds(5), "waiting", "stopped after its limit of 5 s")));
        Path file = dir.resolve("test-report.json");
        try (Writer writer = Files.newBufferedWriter(file)) {
            GateReportJson.write(report, writer);
        }
        assertThat(GateReportJson.read(file)).isEqualTo(report);
        assertThat(Files.readString(file)).contains("\"passed\" : false").contains("\"app\" : \"failed\"");
    }

    @Test
    void read_buildReportInstead_saysItIsNotATestReport() throws Exception {
        Path file = dir.resolve("build-report.json");
        Files.writeString(file, "{\"runId\":\"r\",\"images\":[]}");
        assertThatThrownBy(() -> GateReportJson.read(file)).hasMessageContaining("is not an imagegraph test report");
    }
}
