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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** build → test → promote, as a Jenkinsfile runs them, against a real Docker Engine and registry. */
class TestCommandTest {

    @TempDir
    Path dir;
    private DockerDaemon docker;
    private String namespace;

    @BeforeEach
    void graph() throws Exception {
        docker = DockerDaemon.shared();
        namespace = "gt" + Long.toHexString(System.nanoTime());
        new GraphFixture(dir)
                .graphFile("namespace: " + namespace + "\nimages:\n  app:\n    smokeTests:\n      - name: content\n"
                        + "        command: [/bin/busybox, cat, /app.txt]\n        timeoutSeconds: 60\n")
                .image("base", "FROM scratch\nCOPY busybox /bin/busybox\n")
                .image("app", "FROM base\nCOPY app.txt /app.txt\n")
                .file("images/app/app.txt", "app\n");
        Busybox.copyInto(dir.resolve("images/base/busybox"));
    }

    private static String reportPath(CliRun run) {
        return run.out().lines().filter(l -> l.startsWith("Report: ")).findFirst().orElseThrow()
                .substring("Report: ".length());
    }

    @Test
    void passingTests_letPromoteMoveTheTestedDigests() throws Exception {
        try (LoopbackRegistry registry = LoopbackRegistry.start()) {
            CliRun build = CliRun.of("build", "-d", dir.toString(), "-H", docker.host(), "--registry", registry.host(), "-q");
            assertThat(build.exitCode()).as(build.err()).isZero();
            CliRun test = CliRun.of("test", "-d", dir.toString(), "-H", docker.host(), "--report", reportPath(build));
            assertThat(test.exitCode()).as(test.err() + test.out()).isZero();
            assertThat(test.out()).containsPattern("app/content +app +passed").contains("app: passed")
                    .contains("base: untested").contains("Gate passed.");
            assertThat(test.err()).contains("[app/content] app");
            Path testReport = Path.of(reportPath(test));
            JsonNode json = new ObjectMapper().readTree(Files.readString(testReport));
            assertThat(json.get("images").get(1).get("reference").asText())
                    .startsWith(registry.host() + "/" + namespace + "/app@sha256:");
            CliRun promote = CliRun.of("promote", "--report", reportPath(build), "--tests", testReport.toString(),
                    "--to", "latest");
            assertThat(promote.exitCode()).as(promote.out() + promote.err()).isZero();
            assertThat(registry.manifestStatus(namespace + "/app", "latest")).isEqualTo(200);
            // base has no test of its own: app, built on its exact digest, passed and covers it
            assertThat(registry.manifestStatus(namespace + "/base", "latest")).isEqualTo(200);
        }
    }

    @Test
    void failingTest_exitsOne_andPromoteRefusesThatImage() throws Exception {
        Files.writeString(dir.resolve("imagegraph.yaml"), "namespace: " + namespace + "\nimages:\n  app:\n"
                + "    smokeTests:\n      - name: missing\n        command: [/bin/busybox, cat, /nothing.txt]\n");
        try (LoopbackRegistry registry = LoopbackRegistry.start()) {
            CliRun build = CliRun.of("build", "-d", dir.toString(), "-H", docker.host(), "--registry", registry.host(), "-q");
            assertThat(build.exitCode()).as(build.err()).isZero();
            CliRun test = CliRun.of("test", "-d", dir.toString(), "-H", docker.host(), "--report", reportPath(build), "-q");
            assertThat(test.exitCode()).isEqualTo(1);
            assertThat(test.out()).containsPattern("app/missing +app +failed +[0-9.]+s +exited with 1: cat: can't open")
                    .contains("Gate failed");
            CliRun promote = CliRun.of("promote", "--report", reportPath(build), "--tests", reportPath(test),
                    "--to", "latest");
            assertThat(promote.exitCode()).isEqualTo(1);
            assertThat(promote.out()).contains("Refused: app may not be promoted: it failed its smoke tests: app/missing failed");
            assertThat(registry.manifestStatus(namespace + "/app", "latest")).isEqualTo(404);
            assertThat(registry.manifestStatus(namespace + "/base", "latest")).isEqualTo(404);
        }
    }

    @Test
    void reportOfAnotherGraph_isBadInput() throws Exception {
        Path report = dir.resolve("other-report.json");
        Files.writeString(report, "{\"runId\":\"r\",\"started\":\"2026-11-22T01:00:00Z\",\"finished\":\"2026-11-22T01:00:00Z\","
                + "\"images\":[{\"name\":\"nova\",\"status\":\"built\",\"imageId\":\"sha256:" + "a".repeat(64)
                + "\",\"tags\":[]}]}");
        CliRun run = CliRun.of("test", "-d", dir.toString(), "--report", report.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("nova from " + report + " is not an image of the graph in " + dir);
    }
}
