package io.imagegraph.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.graph.SmokeTest;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.testing.Busybox;
import io.imagegraph.core.testing.DockerDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke tests run against a real image in a real Docker Engine, and deployment scripts on the host. */
class SmokeGateTest {

    private static DockerDaemon docker;
    private static String imageId;

    @TempDir
    static Path context;

    @TempDir
    Path root;

    private final List<GateEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void buildImage() throws Exception {
        docker = DockerDaemon.shared();
        Busybox.copyInto(context.resolve("busybox"));
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\n"
                + "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\nRUN echo 1.2.3 > /version\n");
        imageId = docker.docker("build", "--network", "none", "-q", context.toString()).stdout().strip();
    }

    private SmokeGate gate() {
        return new SmokeGate(new LocalProcessRunner(), "docker", docker.environment(), events::add, Clock.systemUTC());
    }

    private static TestedImage image(String name) {
        return new TestedImage(name, imageId, Optional.empty());
    }

    private static SmokeTest command(String name, int timeout, String... argv) {
        return new SmokeTest(name, List.of(argv), null, timeout);
    }

    @Test
    void containerTest_exitZero_passesWithItsOutput() throws Exception {
        GateReport report = gate().run("run-1", root, List.of(image("app")),
                Map.of("app", List.of(command("version", 60, "/bin/cat", "/version"))));
        SmokeResult result = report.results().get(0);
        assertThat(result.status()).as(result.reason()).isEqualTo(SmokeStatus.PASSED);
        assertThat(result.outputTail()).isEqualTo("1.2.3");
        assertThat(report.passed()).isTrue();
        assertThat(report.verdicts()).containsEntry("app", GateVerdict.PASSED);
        assertThat(events).contains(new GateEvent.Output("app/version", "1.2.3"));
    }

    @Test
    void imageBuiltWithBuildah_itsContainerTestRunsInBuildahsStore() throws Exception {
        java.util.Map<String, String> buildahEnvironment = io.imagegraph.core.testing.BuildahStore.shared().environment();
        io.imagegraph.core.process.CapturedRun built = io.imagegraph.core.process.CapturedRun.run(new LocalProcessRunner(),
                new io.imagegraph.core.process.ProcessSpec(List.of("buildah", "bud", "--network", "none", "--iidfile",
                        root.resolve("iid").toString(), context.toString()), buildahEnvironment, Optional.empty(),
                        Optional.empty()));
        assertThat(built.succeeded()).as(built.stderr()).isTrue();
        String buildahId = Files.readString(root.resolve("iid")).strip();
        assertThat(docker.docker("image", "inspect", buildahId).succeeded()).isFalse();
        SmokeGate gate = new SmokeGate(new LocalProcessRunner(), "docker", "buildah", buildahEnvironment, events::add,
                Clock.systemUTC());
        GateReport report = gate.run("run-1", root, List.of(new TestedImage("app", buildahId, Optional.empty())),
                Map.of("app", List.of(command("version", 60, "/bin/cat", "/version"))), java.util.Set.of("app"));
        SmokeResult result = report.results().get(0);
        assertThat(result.status()).as(result.reason()).isEqualTo(SmokeStatus.PASSED);
        assertThat(result.outputTail()).isEqualTo("1.2.3");
    }

    @Test
    void containerThatDockerCannotStart_theReasonIsDockersOwnLine_notItsHelpHint() throws Exception {
        TestedImage missing = new TestedImage("app", "127.0.0.1:1/nothing/here@sha256:" + "0".repeat(64), Optional.empty());
        GateReport report = gate().run("run-1", root, List.of(missing),
                Map.of("app", List.of(command("version", 60, "/bin/cat", "/version"))));
        SmokeResult result = report.results().get(0);
        assertThat(result.exitCode()).isEqualTo(125);
        assertThat(result.reason()).startsWith("exited with 125: docker: ").doesNotContain("docker run --help");
    }

    @Test
    void containerTest_nonZeroExit_failsWithTheLastLine() throws Exception {
        GateReport report = gate().run("run-1", root, List.of(image("app")),
                Map.of("app", List.of(command("broken", 60, "/bin/sh", "-c", "echo checking >&2; echo no database >&2; exit 4"))));
        SmokeResult result = report.results().get(0);
        assertThat(result.status()).isEqualTo(SmokeStatus.FAILED);
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.reason()).isEqualTo("exited with 4: no database");
        assertThat(report.verdicts()).containsEntry("app", GateVerdict.FAILED);
        assertThat(report.passed()).isFalse();
    }

    @Test
    void containerTest_pastItsLimit_timesOutAndItsContainerIsRemoved() throws Exception {
        long start = System.nanoTime();
        GateReport report = gate().run("run-1", root, List.of(image("app")),
                Map.of("app", List.of(command("hangs", 2, "/bin/sleep", "300"))));
        SmokeResult result = report.results().get(0);
        assertThat(result.status()).isEqualTo(SmokeStatus.TIMED_OUT);
        assertThat(result.reason()).isEqualTo("stopped after its limit of 2 s");
        assertThat(System.nanoTime() - start).isLessThan(60_000_000_000L);
        assertThat(docker.docker("ps", "-q", "--filter", "ancestor=" + imageId).stdout()).isBlank();
    }

    @Test
    void deploymentScript_getsEveryImageReference_andRunsOnceForAllThatNameIt() throws Exception {
        Files.createDirectories(root.resolve("tests"));
        Files.writeString(root.resolve("tests/deploy.sh"), "echo \"$IMAGEGRAPH_TEST_IMAGES\" > seen.txt\n"
                + "echo \"app=$IMAGEGRAPH_IMAGE_APP worker=$IMAGEGRAPH_IMAGE_WORKER_2\" >> seen.txt\n"
                + "echo run >> runs.txt\n");
        SmokeTest deploy = new SmokeTest("deployment", List.of(), "tests/deploy.sh", 60);
        GateReport report = gate().run("run-1", root, List.of(image("app"), image("worker-2")),
                Map.of("app", List.of(deploy), "worker-2", List.of(deploy)));
        assertThat(report.results()).singleElement().satisfies(result -> {
            assertThat(result.status()).as(result.reason()).isEqualTo(SmokeStatus.PASSED);
            assertThat(result.images()).containsExactly("app", "worker-2");
        });
        assertThat(Files.readString(root.resolve("seen.txt"))).contains("app=" + imageId + "\nworker-2=" + imageId)
                .contains("app=" + imageId + " worker=" + imageId);
        assertThat(Files.readAllLines(root.resolve("runs.txt"))).hasSize(1);
    }

    @Test
    void deploymentScript_missing_failsNamingIt() throws Exception {
        GateReport report = gate().run("run-1", root, List.of(image("app")),
                Map.of("app", List.of(new SmokeTest("deployment", List.of(), "tests/none.sh", 60))));
        assertThat(report.results().get(0).status()).isEqualTo(SmokeStatus.FAILED);
        assertThat(report.results().get(0).reason()).isEqualTo("the deployment test tests/none.sh is not a file under " + root);
    }

    @Test
    void imageWithoutTests_isUntested_andTheGatePasses() throws Exception {
        GateReport report = gate().run("run-1", root, List.of(image("app")), Map.of());
        assertThat(report.verdicts()).containsEntry("app", GateVerdict.UNTESTED);
        assertThat(report.passed()).isTrue();
    }
}
