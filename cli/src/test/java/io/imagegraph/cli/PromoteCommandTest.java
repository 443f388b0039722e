package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.BuildReportJson;
import io.imagegraph.core.build.ImageResult;
import io.imagegraph.core.build.ImageStatus;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.CredentialResolver;
import io.imagegraph.core.registry.DistributionRegistry;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.RegistryEndpoint;
import io.imagegraph.core.testing.LoopbackRegistry;
import io.imagegraph.core.testing.TestImages;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
        String repository = server.host() + "/" + ns + "/base";
        ImageResult result = new ImageResult("base", ImageStatus.BUILT, Optional.of("sha256:" + "1".repeat(64)),
                Optional.of(base.digest().toString()), List.of(repository + ":input-sha256-" + "2".repeat(64),
                repository + ":test"), "sha256:" + "2".repeat(64), Duration.ofSeconds(1), Optional.empty(), "built", 1);
        report = dir.resolve("build-report.json");
        try (Writer writer = Files.newBufferedWriter(report)) {
            BuildReportJson.write(new BuildReport("run-1", Instant.now(), Instant.now(), List.of(result)), writer);
        }
    }

    @Test
    void promote_movesTheTagToTheReportedDigest_andPrintsTheMove() throws Exception {
        CliRun run = CliRun.of("promote", "--report", report.toString(), "--to", "latest");
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).containsPattern("base +" + server.host() + "/" + ns + "/base:latest +- +"
                + base.digest().shortForm() + " +moved").contains("Promoted: every tag points at its tested digest.");
        assertThat(registry.head(RepositoryName.of(ns + "/base"), "latest").orElseThrow().digest())
                .isEqualTo(base.digest());
    }

    @Test
    void promote_dryRunAsJson_listsTheMoveAndMovesNothing() throws Exception {
        CliRun run = CliRun.of("promote", "--report", report.toString(), "--to", "latest", "--dry-run", "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"dryRun\" : true").contains("\"status\" : \"planned\"")
                .contains("\"after\" : \"" + base.digest() + "\"");
        assertThat(registry.head(RepositoryName.of(ns + "/base"), "latest")).isEmpty();
    }

    @Test
    void promote_imageMovedSinceTheBuild_isRefusedWithExit1() throws Exception {
        TestImages.push(registry, ns + "/base", "test", "pushed later");
        CliRun run = CliRun.of("promote", "--report", report.toString(), "--to", "latest");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("Refused: ").contains("moved since it was tested");
        assertThat(registry.head(RepositoryName.of(ns + "/base"), "latest")).isEmpty();
    }

    @Test
    void promote_heldImage_isRefused() throws Exception {
        CliRun run = CliRun.of("promote", "--report", report.toString(), "--to", "latest", "--hold", "base=CVE-2026-1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("Refused: base may not be promoted: CVE-2026-1");
    }

    @Test
    void promote_missingReport_isBadInputNamingTheFile() {
        CliRun run = CliRun.of("promote", "--report", dir.resolve("nope.json").toString(), "--to", "latest");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(dir.resolve("nope.json") + " does not exist");
    }

    @Test
    void promote_holdOfAnUnknownImage_isBadInput() {
        CliRun run = CliRun.of("promote", "--report", report.toString(), "--to", "latest", "--hold", "nova=x");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--hold names nova, which is not an image of run run-1");
    }
}
