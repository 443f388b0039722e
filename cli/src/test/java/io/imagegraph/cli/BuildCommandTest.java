package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.testing.Busybox;
import io.imagegraph.core.testing.DockerDaemon;
import io.imagegraph.core.testing.GraphFixture;
import io.imagegraph.core.testing.LoopbackRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `imagegraph build` against the real Docker Engine the core tests start. */
class BuildCommandTest {

    @TempDir
    Path dir;
    @TempDir
    Path elsewhere;
    private DockerDaemon docker;

    @BeforeEach
    void graph() throws Exception {
        docker = DockerDaemon.shared();
        new GraphFixture(dir)
                .graphFile("namespace: cli" + Long.toHexString(System.nanoTime()) + "\n")
                .image("base", "FROM scratch\nCOPY busybox /bin/busybox\n")
                .image("app", "FROM base\nCOPY app.txt /app.txt\n")
                .file("images/app/app.txt", "app\n");
        Busybox.copyInto(dir.resolve("images/base/busybox"));
    }

    @Test
    void build_printsATableAndWritesTheReport_thenReuses() throws Exception {
        CliRun first = CliRun.of("build", "-d", dir.toString(), "-H", docker.host(), "--tag", "pr-7", "--quiet");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).containsPattern("base +built").containsPattern("app +built")
                .contains("Succeeded: 2 built, 0 reused");
        assertThat(first.err()).contains("[app] building").doesNotContain("Step 1/");
        Path report = Path.of(first.out().lines().filter(l -> l.startsWith("Report: ")).findFirst().orElseThrow()
                .substring("Report: ".length()));
        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        assertThat(json.get("succeeded").asBoolean()).isTrue();
        assertThat(json.get("images").get(1).get("tags").toString()).contains("/app:pr-7");

        CliRun second = CliRun.of("build", "-d", dir.toString(), "-H", docker.host(), "--format", "json");
        assertThat(second.exitCode()).isZero();
        JsonNode again = new ObjectMapper().readTree(second.out());
        assertThat(again.get("counts").get("reused").asInt()).isEqualTo(2);
        assertThat(second.err()).contains("[app] looking up");
    }

    @Test
    void relativeGraphRoot_builds() throws Exception {
        String relative = Path.of("").toAbsolutePath().relativize(dir).toString();
        assertThat(Path.of(relative).isAbsolute()).isFalse();
        CliRun run = CliRun.of("build", "-d", relative, "-H", docker.host(), "--quiet");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("base +built").containsPattern("app +built");
    }

    @Test
    void failedImage_exitsOne_withTheReason() throws Exception {
        Files.writeString(dir.resolve("images/app/Dockerfile"), "FROM base\nRUN [\"/bin/busybox\", \"false\"]\n");
        CliRun run = CliRun.of("build", "-d", dir.toString(), "-H", docker.host());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).containsPattern("app +failed").contains("Failed: 1 built, 0 reused, 1 failed");
        assertThat(run.err()).contains("RUN [\"/bin/busybox\", \"false\"]");
    }

    @Test
    void registry_pushesEveryImage_andNoPushKeepsThemLocal() throws Exception {
        try (LoopbackRegistry registry = LoopbackRegistry.start()) {
            CliRun local = CliRun.of("build", "-d", dir.toString(), "-H", docker.host(), "--registry", registry.host(),
                    "--no-push", "-q");
            assertThat(local.exitCode()).as(local.err()).isZero();
            assertThat(local.err()).doesNotContain("pushing");
            CliRun pushed = CliRun.of("build", "-d", dir.toString(), "-H", docker.host(), "--registry", registry.host(), "-q");
            assertThat(pushed.exitCode()).as(pushed.err()).isZero();
            assertThat(pushed.err()).contains("[app] pushing " + registry.host() + "/");
            String namespace = Files.readString(dir.resolve("imagegraph.yaml")).replace("namespace: ", "").strip();
            assertThat(registry.manifestStatus(namespace + "/app", "test")).isEqualTo(200);
            String report = pushed.out().lines().filter(line -> line.startsWith("Report: ")).findFirst().orElseThrow()
                    .substring("Report: ".length());
            CliRun promoted = CliRun.of("promote", "--report", report, "--to", "latest", "--allow-untested");
            assertThat(promoted.exitCode()).as(promoted.out() + promoted.err()).isZero();
            assertThat(registry.manifestStatus(namespace + "/app", "latest")).isEqualTo(200);
            CliRun history = CliRun.of("history", "--state", dir.resolve(".imagegraph").toString(),
                    registry.host() + "/" + namespace + "/app");
            assertThat(history.out()).containsPattern("/app:latest +[0-9a-f]{12} +- +promoted")
                    .containsPattern("/app:test +[0-9a-f]{12} +- +reused");
        }
    }

    @Test
    void sigintDuringABuild_printsTheTableAndWhatWasNotBuilt_andWritesTheReport() throws Exception {
        Files.writeString(dir.resolve("images/app/Dockerfile"), "FROM base\nRUN [\"/bin/busybox\", \"sleep\", \"60\"]\n");
        try (CliProcess build = CliProcess.start(dir.resolve("run"), Map.of(), "build", "-d", dir.toString(), "-H",
                docker.host(), "--progress", "plain")) {
            build.awaitErr("[app] Step 2/", Duration.ofSeconds(120));
            Thread.sleep(300);
            build.interrupt();
            assertThat(build.exitCode(Duration.ofSeconds(60))).isEqualTo(130);
            assertThat(build.out()).containsPattern("base +built").containsPattern("app +cancelled").contains("Report: ");
            assertThat(build.err()).contains("imagegraph: cancelled; 1 image was not built (the report lists them)");
            Path report = Path.of(build.out().lines().filter(l -> l.startsWith("Report: ")).findFirst().orElseThrow()
                    .substring("Report: ".length()));
            JsonNode images = new ObjectMapper().readTree(Files.readString(report)).get("images");
            assertThat(images.get(0).get("status").asText()).isEqualTo("built");
            assertThat(images.get(1).get("status").asText()).isEqualTo("cancelled");
        }
    }

    @Test
    void sigintDuringAPush_printsTheJson_andLeavesTheImageOutOfTheRegistry() throws Exception {
        Files.writeString(dir.resolve("images/app/Dockerfile"), "FROM base\nRUN [\"/bin/busybox\", \"dd\","
                + " \"if=/dev/urandom\", \"of=/big\", \"bs=1048576\", \"count=150\"]\n");
        String namespace = Files.readString(dir.resolve("imagegraph.yaml")).replace("namespace: ", "").strip();
        try (LoopbackRegistry registry = LoopbackRegistry.start();
             CliProcess build = CliProcess.start(dir.resolve("run"), Map.of(), "build", "-d", dir.toString(), "-H",
                     docker.host(), "--registry", registry.host(), "--format", "json", "--progress", "plain")) {
            build.awaitErr("[app] pushing " + registry.host(), Duration.ofSeconds(180));
            build.interrupt();
            assertThat(build.exitCode(Duration.ofSeconds(60))).isEqualTo(130);
            JsonNode report = new ObjectMapper().readTree(build.out());
            assertThat(report.get("images").get(0).get("status").asText()).isEqualTo("built");
            assertThat(report.get("images").get(1).get("status").asText()).isEqualTo("cancelled");
            assertThat(build.err()).contains("imagegraph: cancelled; 1 image was not built");
            assertThat(registry.manifestStatus(namespace + "/base", "test")).isEqualTo(200);
            assertThat(registry.manifestStatus(namespace + "/app", "test")).isEqualTo(404);
        }
    }

    @Test
    void registry_afterALocalBuild_pushesTheLocalImagesInsteadOfBuildingThem() throws Exception {
        CliRun local = CliRun.of("build", "-d", dir.toString(), "-H", docker.host(), "-q");
        assertThat(local.exitCode()).as(local.err()).isZero();
        try (LoopbackRegistry registry = LoopbackRegistry.start()) {
            CliRun pushed = CliRun.of("build", "-d", dir.toString(), "-H", docker.host(), "--registry", registry.host(), "-q");
            assertThat(pushed.exitCode()).as(pushed.err()).isZero();
            assertThat(pushed.out()).containsPattern("base +reused").containsPattern("app +reused");
            assertThat(pushed.err()).doesNotContain("building").contains("(pushed, not built)")
                    .contains("[app] pushing " + registry.host() + "/");
            String namespace = Files.readString(dir.resolve("imagegraph.yaml")).replace("namespace: ", "").strip();
            assertThat(registry.manifestStatus(namespace + "/app", "test")).isEqualTo(200);
        }
    }

    @Test
    void networkHost_letsARunStepReachALoopbackServer() throws Exception {
        try (io.imagegraph.core.testing.LoopbackHttpServer server =
                     io.imagegraph.core.testing.LoopbackHttpServer.serving("mirror\n")) {
            Files.writeString(dir.resolve("images/app/Dockerfile"), "FROM base\nRUN [\"/bin/busybox\", \"wget\", \"-q\","
                    + " \"-O\", \"/got\", \"" + server.url() + "\"]\n");
            CliRun offline = CliRun.of("build", "-d", dir.toString(), "-H", docker.host(), "--network", "none", "-q");
            assertThat(offline.exitCode()).isEqualTo(1);
            assertThat(offline.err()).contains("image app needs the network at").contains("--network host");
            CliRun online = CliRun.of("build", "-d", dir.toString(), "-H", docker.host(), "--network", "host", "-q");
            assertThat(online.exitCode()).as(online.err()).isZero();
        }
    }

    @Test
    void registryConfigNotNamedConfigJson_dockerAndOurClientReadTheSameLogin() throws Exception {
        try (LoopbackRegistry registry = LoopbackRegistry.withHtpasswd("robot", "s3cret")) {
            Path robot = dir.resolve("robot-credentials.json");
            Files.writeString(robot, "{\"auths\": {\"" + registry.host() + "\": {\"auth\": \""
                    + java.util.Base64.getEncoder().encodeToString("robot:s3cret".getBytes()) + "\"}}}");
            CliRun pushed = CliRun.of("build", "-d", dir.toString(), "-H", docker.host(), "--registry", registry.host(),
                    "--registry-config", robot.toString(), "-q");
            assertThat(pushed.exitCode()).as(pushed.err()).isZero();
            assertThat(pushed.err()).contains("[app] pushing " + registry.host() + "/");
            CliRun again = CliRun.of("build", "-d", dir.toString(), "-H", docker.host(), "--registry", registry.host(),
                    "--registry-config", robot.toString(), "--format", "json");
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(new ObjectMapper().readTree(again.out()).get("counts").get("reused").asInt()).isEqualTo(2);
        }
    }

    @Test
    void badNetwork_isBadInput() {
        CliRun run = CliRun.of("build", "-d", dir.toString(), "--network", "bridge");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--network: 'bridge' is not a network; expected one of default, host, none");
    }

    @Test
    void runDirElsewhere_promoteUsesTheGraphsStateFolder_soAHoldSetThereRefuses() throws Exception {
        try (LoopbackRegistry registry = LoopbackRegistry.start()) {
            Path runDir = elsewhere.resolve("run");
            CliRun build = CliRun.of("build", "-d", dir.toString(), "-H", docker.host(), "--registry", registry.host(),
                    "--run-dir", runDir.toString(), "-q");
            assertThat(build.exitCode()).as(build.err()).isZero();
            Path report = runDir.resolve("build-report.json");
            JsonNode json = new ObjectMapper().readTree(Files.readString(report));
            assertThat(json.get("stateFolder").asText()).isEqualTo(dir.resolve(".imagegraph").toString());
            String base = json.get("images").get(0).get("digest").asText();
            CliRun hold = CliRun.of("held", "--state", dir.resolve(".imagegraph").toString(), "--hold", base,
                    "--reason", "CVE-2026-9");
            assertThat(hold.exitCode()).as(hold.err()).isZero();
            CliRun promote = CliRun.of("promote", "--report", report.toString(), "--to", "latest", "--allow-untested");
            assertThat(promote.exitCode()).as(promote.err()).isEqualTo(1);
            assertThat(promote.out()).contains("is held (CVE-2026-9)").contains("Not promoted: refused");
            String namespace = Files.readString(dir.resolve("imagegraph.yaml")).replace("namespace: ", "").strip();
            assertThat(registry.manifestStatus(namespace + "/base", "latest")).isEqualTo(404);
            assertThat(registry.manifestStatus(namespace + "/app", "latest")).isEqualTo(404);
        }
    }

    @Test
    void badRegistry_isBadInput() {
        CliRun run = CliRun.of("build", "-d", dir.toString(), "--registry", "https://quay.io");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--registry 'https://quay.io' is not a registry host");
    }

    @Test
    void badSlots_isBadInput() {
        CliRun run = CliRun.of("build", "-d", dir.toString(), "--slots", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--slots must be at least 1");
    }
}
