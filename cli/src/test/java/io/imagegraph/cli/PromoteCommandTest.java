package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.CredentialResolver;
import io.imagegraph.core.registry.DistributionRegistry;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.RegistryEndpoint;
import io.imagegraph.core.testing.LoopbackRegistry;
import io.imagegraph.core.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromoteCommandTest {

    private static LoopbackRegistry server;
    private static DistributionRegistry registry;

    @TempDir
    Path dir;

    private String ns;
    private Manifest base;
    private Path report;
    private String state;

    @BeforeAll
    static void start() throws Exception {
        server = LoopbackRegistry.start();
        registry = DistributionRegistry.of(RegistryEndpoint.of(RegistryHost.parse(server.host())),
                CredentialResolver.anonymous());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** A build report as `imagegraph build --registry` writes it, for one pushed image. */
    @BeforeEach
    void pushedRun() throws Exception {
        ns = "c" + Long.toHexString(System.nanoTime());
        base = TestImages.push(registry, ns + "/base", "test", "cli " + ns);
        report = RunReports.onePushed(dir.resolve("build-report.json"), "run-1", "base",
                server.host() + "/" + ns + "/base", base);
        state = dir.resolve("state").toString();
    }

    private CliRun promote(String... args) {
        return CliRun.of(java.util.stream.Stream.concat(java.util.stream.Stream.of("promote", "--state", state),
                java.util.Arrays.stream(args)).toArray(String[]::new));
    }

    @Test
    void promote_movesTheTagToTheReportedDigest_andPrintsTheMove() throws Exception {
        CliRun run = promote("--report", report.toString(), "--to", "latest");
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).containsPattern("base +" + server.host() + "/" + ns + "/base:latest +- +"
                + base.digest().shortForm() + " +moved").contains("Promoted: every tag points at its tested digest.");
        assertThat(registry.head(RepositoryName.of(ns + "/base"), "latest").orElseThrow().digest())
                .isEqualTo(base.digest());
    }

    @Test
    void promote_dryRunAsJson_listsTheMoveAndMovesNothing() throws Exception {
        CliRun run = promote("--report", report.toString(), "--to", "latest", "--dry-run", "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"dryRun\" : true").contains("\"status\" : \"planned\"")
                .contains("\"after\" : \"" + base.digest() + "\"");
        assertThat(registry.head(RepositoryName.of(ns + "/base"), "latest")).isEmpty();
    }

    @Test
    void promote_imageMovedSinceTheBuild_isRefusedWithExit1() throws Exception {
        TestImages.push(registry, ns + "/base", "test", "pushed later");
        CliRun run = promote("--report", report.toString(), "--to", "latest");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("Refused: ").contains("moved since it was tested");
        assertThat(registry.head(RepositoryName.of(ns + "/base"), "latest")).isEmpty();
    }

    @Test
    void promote_heldImage_isRefused() throws Exception {
        CliRun run = promote("--report", report.toString(), "--to", "latest", "--hold", "base=CVE-2026-1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("Refused: base may not be promoted: CVE-2026-1");
    }

    @Test
    void promote_missingReport_isBadInputNamingTheFile() {
        CliRun run = promote("--report", dir.resolve("nope.json").toString(), "--to", "latest");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(dir.resolve("nope.json") + " does not exist");
    }

    @Test
    void promote_holdOfAnUnknownImage_isBadInput() {
        CliRun run = promote("--report", report.toString(), "--to", "latest", "--hold", "nova=x");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("a hold names nova, which is not an image of run run-1");
    }

    @Test
    void promote_recordsTheMoveInTheTagHistory() throws Exception {
        CliRun run = promote("--report", report.toString(), "--to", "latest");
        assertThat(run.exitCode()).as(run.err()).isZero();
        CliRun history = CliRun.of("history", "--state", state, server.host() + "/" + ns + "/base:latest");
        assertThat(history.out()).containsPattern(server.host() + "/" + ns + "/base:latest +"
                + base.digest().shortForm() + " +- +promoted .* run-1 +base");
    }

    @Test
    void promote_imageBuiltOnAHeldBase_isRefusedWithTheReason() throws Exception {
        String heldBase = "sha256:" + "b".repeat(64);
        Files.createDirectories(Path.of(state));
        Files.writeString(Path.of(state, "lineage.jsonl"), "{\"image\":\"base\",\"status\":\"built\",\"digest\":\""
                + base.digest() + "\",\"repository\":\"x\",\"inputDigest\":\"sha256:" + "2".repeat(64)
                + "\",\"externalBases\":[\"docker.io/library/debian:12@" + heldBase + "\"],\"time\":\"t\","
                + "\"runId\":\"run-1\",\"durationMillis\":1}\n");
        CliRun hold = CliRun.of("held", "--state", state, "--hold", heldBase, "--reason", "DSA-5999-1");
        assertThat(hold.exitCode()).as(hold.err()).isZero();
        CliRun run = promote("--report", report.toString(), "--to", "latest");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("Refused: base may not be promoted: base " + base.digest() + " is built on "
                + heldBase + " is held (DSA-5999-1)");
        assertThat(registry.head(RepositoryName.of(ns + "/base"), "latest")).isEmpty();
    }
}
