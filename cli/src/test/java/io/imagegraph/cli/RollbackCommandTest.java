package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.testing.RegistryExtension;
import io.imagegraph.core.testing.TestImages;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two runs promoted to latest, one after the other, then rolled back: against a loopback registry. */
class RollbackCommandTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    @TempDir
    Path dir;

    private String state;
    private String repository;
    private Manifest first;
    private Manifest second;

    @BeforeEach
    void twoPromotions() throws Exception {
        String ns = "rb" + Long.toHexString(System.nanoTime());
        repository = REGISTRY.host() + "/" + ns + "/app";
        state = dir.resolve("state").toString();
        java.nio.file.Files.createDirectories(dir.resolve("state"));
        first = promoted(ns, "run-1", "first");
        second = promoted(ns, "run-2", "second");
    }

    private Manifest promoted(String ns, String runId, String label) throws Exception {
        Manifest pushed = TestImages.push(REGISTRY.client(), ns + "/app", "test", label);
        Path report = RunReports.onePushed(dir.resolve(runId + ".json"), runId, "app", repository, pushed);
        CliRun run = CliRun.of("promote", "--state", state, "--report", report.toString(), "--to", "latest",
                "--allow-untested");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        return pushed;
    }

    private String latest() throws Exception {
        return REGISTRY.client().head(RepositoryName.of(repository.substring(REGISTRY.host().length() + 1)), "latest")
                .orElseThrow().digest().toString();
    }

    @Test
    void rollback_movesLatestBackToTheFirstRunAndTheHistorySaysSo() throws Exception {
        CliRun run = CliRun.of("rollback", "--state", state, repository + ":latest");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(repository + ":latest now points at " + first.digest() + " (was "
                + second.digest() + ")");
        assertThat(latest()).isEqualTo(first.digest().toString());
        CliRun history = CliRun.of("history", "--state", state, repository + ":latest");
        assertThat(history.out().lines().skip(1).findFirst().orElseThrow()).contains("rollback");
    }

    @Test
    void rollback_stateFolderThatDoesNotExist_isBadInput() {
        CliRun run = CliRun.of("rollback", "--state", dir.resolve("elsewhere").toString(), repository + ":latest");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("the state folder " + dir.resolve("elsewhere") + " does not exist");
    }

    @Test
    void rollback_dryRunAsJson_movesNothing() throws Exception {
        CliRun run = CliRun.of("rollback", "--state", state, repository + ":latest", "--dry-run", "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"after\" : \"" + first.digest() + "\"").contains("\"dryRun\" : true");
        assertThat(latest()).isEqualTo(second.digest().toString());
    }

    @Test
    void rollback_toAHeldDigest_isRefused() throws Exception {
        CliRun.of("held", "--state", state, "--hold", first.digest().toString(), "--reason", "CVE-2026-10001");
        CliRun run = CliRun.of("rollback", "--state", state, repository + ":latest");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("is held (CVE-2026-10001)");
        assertThat(latest()).isEqualTo(second.digest().toString());
    }

    @Test
    void rollback_referenceWithoutRegistryOrTag_isBadInput() {
        CliRun run = CliRun.of("rollback", "--state", state, "acme/app");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("name the tag as REGISTRY/REPOSITORY:TAG");
    }
}
