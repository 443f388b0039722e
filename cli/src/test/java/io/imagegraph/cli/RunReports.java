package io.imagegraph.cli;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.BuildReportJson;
import io.imagegraph.core.build.ImageResult;
import io.imagegraph.core.build.ImageStatus;
import io.imagegraph.core.registry.Manifest;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Build reports as {@code imagegraph build --registry} writes them, for images pushed by the test. */
final class RunReports {

    private RunReports() {
    }

    /**
     * Writes {@code file}: run {@code runId} built {@code image}, pushed as {@code repository:test}
     * (and its input-digest tag) at the manifest's digest.
     */
    static Path onePushed(Path file, String runId, String image, String repository, Manifest manifest) throws IOException {
        ImageResult result = new ImageResult(image, ImageStatus.BUILT, Optional.of("sha256:" + "1".repeat(64)),
                Optional.of(manifest.digest().toString()), List.of(repository + ":input-sha256-" + "2".repeat(64),
                repository + ":test"), "sha256:" + "2".repeat(64), Duration.ofSeconds(1), Optional.empty(), "built", 1);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer writer = Files.newBufferedWriter(file)) {
            BuildReportJson.write(new BuildReport(runId, Instant.now(), Instant.now(), List.of(result)), writer);
        }
        return file;
    }
}
