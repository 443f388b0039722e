package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.track.TagCause;
import io.imagegraph.core.track.TagEvent;
import io.imagegraph.core.track.TagHistory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryCommandTest {

    private static final String REPO = "quay.io/acme/keystone";
    private static final String D1 = "sha256:" + "1".repeat(64);
    private static final String D2 = "sha256:" + "2".repeat(64);

    @TempDir
    Path state;

    @BeforeEach
    void history() throws Exception {
        TagHistory.in(StateDirectory.at(state)).record(List.of(
                new TagEvent(REPO, "test", D1, null, TagCause.BUILT, "2026-11-24T10:00:00Z", "run-1", "keystone", null),
                new TagEvent(REPO, "latest", D1, null, TagCause.PROMOTED, "2026-11-24T10:10:00Z", "run-1", "keystone", null),
                new TagEvent(REPO, "test", D2, null, TagCause.BUILT, "2026-11-24T11:00:00Z", "run-2", "keystone", null)));
    }

    private CliRun history(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "history";
        all[1] = "--state";
        all[2] = state.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRun.of(all);
    }

    @Test
    void tag_listsItsMovesNewestFirst() {
        CliRun run = history(REPO + ":test");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("TAG").contains("PREVIOUS").contains("CAUSE");
        assertThat(lines.get(1)).containsPattern("keystone:test +222222222222 +111111111111 +built").contains("run-2");
        assertThat(lines.get(2)).containsPattern("keystone:test +111111111111 +- +built");
    }

    @Test
    void report_readsTheHistoryOfTheStateFolderTheBuildReportNames() throws Exception {
        Path report = state.resolve("elsewhere/build-report.json");
        java.nio.file.Files.createDirectories(report.getParent());
        try (java.io.Writer writer = java.nio.file.Files.newBufferedWriter(report)) {
            io.imagegraph.core.build.BuildReportJson.write(new io.imagegraph.core.build.BuildReport("run-2",
                    java.time.Instant.now(), java.time.Instant.now(), List.of()), state, writer);
        }
        CliRun run = CliRun.of("history", "--report", report.toString(), REPO + ":latest");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern(REPO + ":latest +111111111111 +- +promoted");
    }

    @Test
    void repository_listsEachTagWhereItPointsNow() {
        CliRun run = history(REPO);
        assertThat(run.out().lines().skip(1)).hasSize(2).anySatisfy(line -> assertThat(line).startsWith(REPO + ":latest"));
    }

    @Test
    void digest_asJson_saysWhichRunMadeIt() {
        CliRun run = history("--digest", D1, "-o", "json");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\"cause\" : \"built\"").contains("\"runId\" : \"run-1\"")
                .contains("\"cause\" : \"promoted\"").doesNotContain(D2);
    }

    @Test
    void unknownTag_saysTheHistoryHasNoRecordOfIt() {
        CliRun run = history(REPO + ":stable");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("has no record of " + REPO + ":stable");
    }

    @Test
    void referenceAndDigestTogether_isBadInput() {
        CliRun run = history(REPO, "--digest", D1);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("give a reference or --digest, not both");
    }
}
