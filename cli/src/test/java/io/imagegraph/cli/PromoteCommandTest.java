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
        Files.createDirectories(Path.of(state));
    }

    /** A promotion of untested images (this class is about the moves; tests gate them in the tests below). */
    private CliRun promote(String... args) {
        return CliRun.of(java.util.stream.Stream.concat(java.util.stream.Stream.of("promote", "--state", state,
                "--allow-untested"), java.util.Arrays.stream(args)).toArray(String[]::new));
    }

    /** A build report that names its state folder, as {@code imagegraph build --run-dir elsewhere} writes it. */
    private Path reportNaming(Path stateFolder) throws Exception {
        Path file = dir.resolve("elsewhere/build-report.json");
        Files.createDirectories(file.getParent());
        io.imagegraph.core.build.BuildReport read = io.imagegraph.core.build.BuildReportReader.read(report);
        try (java.io.Writer writer = Files.newBufferedWriter(file)) {
            io.imagegraph.core.build.BuildReportJson.write(read, stateFolder, writer);
        }
        return file;
    }

    /** test-report.json beside the build report: base tested at its digest, with one result. */
    private void testReportBeside(Path buildReport, io.imagegraph.core.gate.SmokeStatus status) throws Exception {
        io.imagegraph.core.gate.GateReport gate = new io.imagegraph.core.gate.GateReport("run-1", java.util.List.of(
                new io.imagegraph.core.gate.TestedImage("base", server.host() + "/" + ns + "/base@" + base.digest(),
                        java.util.Optional.of(base.digest().toString()))), status == null ? java.util.List.of()
                : java.util.List.of(new io.imagegraph.core.gate.SmokeResult("base/version", java.util.List.of("base"),
                status, status == io.imagegraph.core.gate.SmokeStatus.PASSED ? 0 : 1, java.time.Duration.ZERO, "",
                status == io.imagegraph.core.gate.SmokeStatus.PASSED ? "passed" : "exited with 1")));
        try (java.io.Writer writer = Files.newBufferedWriter(buildReport.resolveSibling("test-report.json"))) {
            io.imagegraph.core.gate.GateReportJson.write(gate, writer);
        }
    }

    @Test
    void promote_holdSetInTheGraphsStateFolder_refusesAReportBuiltElsewhere_withoutState() throws Exception {
        Path graphState = Files.createDirectories(dir.resolve("graph/.imagegraph"));
        CliRun hold = CliRun.of("held", "--state", graphState.toString(), "--hold", base.digest().toString(),
                "--reason", "CVE-2026-7");
        assertThat(hold.exitCode()).as(hold.err()).isZero();
        CliRun run = CliRun.of("promote", "--report", reportNaming(graphState).toString(), "--to", "latest",
                "--allow-untested");
        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(1);
        assertThat(run.out()).contains("is held (CVE-2026-7)").contains("refused");
        assertThat(registry.head(RepositoryName.of(ns + "/base"), "latest")).isEmpty();
    }

    @Test
    void promote_reportNamingNoStateFolderOutsideAGraph_isBadInput_andMovesNothing() throws Exception {
        CliRun run = CliRun.of("promote", "--report", report.toString(), "--to", "latest", "--allow-untested");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("names no state folder").contains("give --state DIR");
        assertThat(registry.head(RepositoryName.of(ns + "/base"), "latest")).isEmpty();
    }

    @Test
    void promote_stateOtherThanTheOneTheReportNames_isBadInput() throws Exception {
        Path graphState = Files.createDirectories(dir.resolve("graph/.imagegraph"));
        CliRun run = promote("--report", reportNaming(graphState).toString(), "--to", "latest");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("was built with the state folder " + graphState);
    }

    @Test
    void promote_failingTestReportBesideTheBuildReport_refusesWithoutTests() throws Exception {
        testReportBeside(report, io.imagegraph.core.gate.SmokeStatus.FAILED);
        CliRun run = promote("--report", report.toString(), "--to", "latest");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("Refused: base may not be promoted: it failed its smoke tests")
                .containsPattern("base +" + server.host() + "/" + ns + "/base:latest +- +" + base.digest().shortForm()
                        + " +refused");
        assertThat(registry.head(RepositoryName.of(ns + "/base"), "latest")).isEmpty();
    }

    @Test
    void promote_untestedImage_isRefusedUnlessUntestedAreAllowed() throws Exception {
        testReportBeside(report, null);
        CliRun refused = CliRun.of("promote", "--state", state, "--report", report.toString(), "--to", "latest");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).contains("no smoke test of its own").contains("--allow-untested");
        CliRun allowed = promote("--report", report.toString(), "--to", "latest");
        assertThat(allowed.exitCode()).as(allowed.out()).isZero();
    }

    @Test
    void promote_noTestReport_isRefusedUnlessUntestedAreAllowed() {
        CliRun run = CliRun.of("promote", "--state", state, "--report", report.toString(), "--to", "latest");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("it was not smoke-tested (no test-report.json beside");
    }

    @Test
    void promote_recoverWithAnEmptyJournal_saysThereIsNothingToRecover() {
        CliRun run = CliRun.of("promote", "--state", state, "--recover");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Nothing to recover");
    }

    @Test
    void promote_recoverWithTags_isBadInput() {
        CliRun run = CliRun.of("promote", "--state", state, "--recover", "--to", "latest");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--recover settles what the journal holds");
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
        assertThat(run.out()).contains("Refused: ").contains("moved since it was tested")
                .contains("Not promoted: refused, so no tag was moved.");
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
