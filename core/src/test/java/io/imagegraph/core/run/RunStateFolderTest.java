package io.imagegraph.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.BuildReportJson;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStateFolderTest {

    @TempDir
    Path dir;

    /** A report written as a build with {@code --run-dir elsewhere} writes it. */
    private Path report(Path where, Path stateFolder) throws Exception {
        Files.createDirectories(where);
        Path file = where.resolve(BuildReportJson.FILE_NAME);
        try (Writer writer = Files.newBufferedWriter(file)) {
            BuildReport report = new BuildReport("run-1", Instant.now(), Instant.now(), List.of());
            if (stateFolder == null) {
                BuildReportJson.write(report, writer);
            } else {
                BuildReportJson.write(report, stateFolder, writer);
            }
        }
        return file;
    }

    @Test
    void of_reportElsewhere_isTheFolderItRecorded() throws Exception {
        Path state = Files.createDirectories(dir.resolve("graph/.imagegraph"));
        Path report = report(dir.resolve("elsewhere"), state);
        assertThat(RunStateFolder.of(report, Optional.empty(), Map.of()).folder()).isEqualTo(state.toAbsolutePath());
    }

    @Test
    void of_anotherFolderGivenThanTheRecordedOne_isRefused() throws Exception {
        Path state = Files.createDirectories(dir.resolve("graph/.imagegraph"));
        Path other = Files.createDirectories(dir.resolve("other"));
        Path report = report(dir.resolve("elsewhere"), state);
        assertThatThrownBy(() -> RunStateFolder.of(report, Optional.of(other), Map.of()))
                .isInstanceOf(RunRequestException.class).hasMessageContaining("was built with the state folder " + state)
                .hasMessageContaining("--state names " + other);
        assertThatThrownBy(() -> RunStateFolder.of(report, Optional.empty(), Map.of("IMAGEGRAPH_STATE", other.toString())))
                .isInstanceOf(RunRequestException.class).hasMessageContaining("$IMAGEGRAPH_STATE names " + other);
    }

    @Test
    void of_recordedFolderGone_isRefusedUnlessOneIsGiven() throws Exception {
        Path report = report(dir.resolve("elsewhere"), dir.resolve("moved/.imagegraph"));
        assertThatThrownBy(() -> RunStateFolder.of(report, Optional.empty(), Map.of()))
                .isInstanceOf(RunRequestException.class).hasMessageContaining("which does not exist")
                .hasMessageContaining("give --state DIR");
        Path given = Files.createDirectories(dir.resolve("now/.imagegraph"));
        assertThat(RunStateFolder.of(report, Optional.of(given), Map.of()).folder()).isEqualTo(given);
    }

    @Test
    void of_olderReportOutsideAGraph_isRefused() throws Exception {
        Path report = report(dir.resolve("elsewhere"), null);
        assertThatThrownBy(() -> RunStateFolder.of(report, Optional.empty(), Map.of()))
                .isInstanceOf(RunRequestException.class).hasMessageContaining("names no state folder");
    }

    @Test
    void of_olderReportInItsGraphsRuns_isThatGraphsFolder() throws Exception {
        Path report = report(dir.resolve(".imagegraph/runs/run-1"), null);
        assertThat(RunStateFolder.of(report, Optional.empty(), Map.of()).folder())
                .isEqualTo(dir.resolve(".imagegraph").toAbsolutePath());
    }

    @Test
    void of_givenFolderThatDoesNotExist_isRefused() throws Exception {
        Path report = report(dir.resolve("elsewhere"), null);
        assertThatThrownBy(() -> RunStateFolder.of(report, Optional.of(dir.resolve("typo")), Map.of()))
                .isInstanceOf(RunRequestException.class).hasMessageContaining(dir.resolve("typo") + " (--state) does not"
                        + " exist");
    }
}
