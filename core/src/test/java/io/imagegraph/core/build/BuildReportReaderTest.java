package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildReportReaderTest {

    @TempDir
    Path dir;

    @Test
    void read_whatTheWriterWrote_givesTheSameReport() throws Exception {
        BuildReport report = new BuildReport("run-7", Instant.parse("2026-11-22T01:00:00Z"),
                Instant.parse("2026-11-22T01:02:00Z"), List.of(
                new ImageResult("base", ImageStatus.BUILT, Optional.of("sha256:" + "a".repeat(64)),
                        Optional.of("sha256:" + "b".repeat(64)), List.of("r/base:test"), "sha256:" + "c".repeat(64),
                        Duration.ofMillis(1500), Optional.of("/logs/base.log"), "built", 1),
                new ImageResult("app", ImageStatus.PARENT_FAILED, Optional.empty(), Optional.empty(), List.of(),
                        "sha256:" + "d".repeat(64), Duration.ZERO, Optional.empty(), "not built", 0)));
        Path file = dir.resolve("build-report.json");
        try (Writer writer = Files.newBufferedWriter(file)) {
            BuildReportJson.write(report, writer);
        }
        assertThat(BuildReportReader.read(file)).isEqualTo(report);
    }

    @Test
    void read_missingFile_saysWhereReportsAre() {
        assertThatThrownBy(() -> BuildReportReader.read(dir.resolve("none.json")))
                .hasMessageContaining("does not exist").hasMessageContaining("run directory");
    }

    @Test
    void read_otherJson_isNotABuildReport() throws Exception {
        Path file = dir.resolve("plan.json");
        Files.writeString(file, "{\"order\": []}");
        assertThatThrownBy(() -> BuildReportReader.read(file)).hasMessageContaining("is not an imagegraph build report");
    }

    @Test
    void read_unknownStatus_namesTheImage() throws Exception {
        Path file = dir.resolve("r.json");
        Files.writeString(file, "{\"runId\":\"r\",\"started\":\"2026-11-22T01:00:00Z\",\"finished\":\"2026-11-22T01:00:00Z\","
                + "\"images\":[{\"name\":\"base\",\"status\":\"exploded\"}]}");
        assertThatThrownBy(() -> BuildReportReader.read(file)).hasMessageContaining("image 'base' has an unknown status 'exploded'");
    }
}
