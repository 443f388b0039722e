package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.testing.DockerDaemon;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/real as a user runs it: a Debian root file system from debootstrap, a package mirror
 * of .deb files with apt-ftparchive indexes served by {@code python3 -m http.server} on loopback,
 * and a Foreman-like family whose Dockerfiles apt-get install from it with network host; then
 * the smoke tests run the installed programs.
 */
class RealExampleTest {

    @TempDir
    Path dir;

    @Test
    void foremanFamily_installsItsPackagesFromALoopbackMirror_andPassesItsSmokeTests() throws Exception {
        copyExample(Path.of("..", "examples", "real"), dir);
        Process prepare = new ProcessBuilder(dir.resolve("prepare").toString()).redirectErrorStream(true).start();
        String prepared = new String(prepare.getInputStream().readAllBytes());
        assertThat(prepare.waitFor()).as(prepared).isZero();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Files.writeString(dir.resolve("imagegraph.yaml"), Files.readString(dir.resolve("imagegraph.yaml"))
                .replace("namespace: real", "namespace: real" + Long.toHexString(System.nanoTime()))
                .replace("http://127.0.0.1:8765/", "http://127.0.0.1:" + port + "/"));
        Process mirror = new ProcessBuilder(dir.resolve("serve-mirror").toString(), String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(dir.resolve("mirror.log").toFile()).start();
        try {
            awaitMirror(port, mirror);
            DockerDaemon docker = DockerDaemon.shared();
            // Debian's docker.io client, which builds through BuildKit without the buildx plugin
            CliRun build = CliRun.of("build", "-d", dir.toString(), "-H", docker.host(), "--docker", "/usr/bin/docker",
                    "--format", "json", "-q");
            assertThat(build.exitCode()).as(build.err()).isZero();
            JsonNode report = new ObjectMapper().readTree(build.out());
            assertThat(report.get("counts").get("built").asInt()).isEqualTo(3);
            assertThat(build.err()).contains("[foreman] built: first build");
            Path run = Files.list(dir.resolve(".imagegraph/runs")).findFirst().orElseThrow();
            assertThat(Files.readString(run.resolve("logs/foreman.log"))).contains("BuildKit (DOCKER_BUILDKIT=1)")
                    .contains("the build has the host's network (network: host)");
            String reportFile = run.resolve("build-report.json").toString();
            CliRun test = CliRun.of("test", "-d", dir.toString(), "-H", docker.host(), "--report", reportFile);
            assertThat(test.exitCode()).as(test.err() + test.out()).isZero();
            assertThat(test.err()).contains("foreman 3.9.0 (from the loopback mirror)")
                    .contains("smart-proxy 3.9.0 (from the loopback mirror)");
            assertThat(Files.readString(dir.resolve("mirror.log"))).contains("foreman-hello_3.9.0-1_all.deb HTTP/1.1\" 200");
        } finally {
            mirror.destroy();
            mirror.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void awaitMirror(int port, Process mirror) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && mirror.isAlive()) {
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/Packages")
                        .toURL().openConnection();
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the mirror did not answer on 127.0.0.1:" + port);
    }

    /** The example as committed: without a root file system or mirror that a earlier prepare left there. */
    private static void copyExample(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                String relative = from.relativize(file).toString();
                if (relative.equals("images/debian-base/rootfs.tar") || relative.startsWith("mirror")
                        || relative.startsWith(".imagegraph")) {
                    continue;
                }
                Path target = to.resolve(relative);
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
