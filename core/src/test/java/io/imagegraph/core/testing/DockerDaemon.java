package io.imagegraph.core.testing;

import io.imagegraph.core.process.CapturedRun;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Docker Engine for tests: started once per test JVM with the vfs storage driver, no
 * iptables and no bridge, listening only on a unix socket in a temporary directory, and stopped
 * (by its PID) when the JVM ends. Set IMAGEGRAPH_TEST_DOCKER_HOST to use a daemon already running.
 */
public final class DockerDaemon {

    private static DockerDaemon instance;

    private final String host;
    private final Optional<Process> process;
    private final Optional<Path> directory;

    private DockerDaemon(String host, Optional<Process> process, Optional<Path> directory) {
        this.host = host;
        this.process = process;
        this.directory = directory;
    }

    /** The shared daemon, started on first use. */
    public static synchronized DockerDaemon shared() throws IOException, InterruptedException {
        if (instance == null) {
            String given = System.getenv("IMAGEGRAPH_TEST_DOCKER_HOST");
            instance = given != null ? new DockerDaemon(given, Optional.empty(), Optional.empty()) : start();
        }
        return instance;
    }

    /** The value for DOCKER_HOST. */
    public String host() {
        return host;
    }

    public Map<String, String> environment() {
        return Map.of("DOCKER_HOST", host);
    }

    /** Runs the docker client against this daemon. */
    public CapturedRun docker(String... args) throws IOException, InterruptedException {
        List<String> argv = new java.util.ArrayList<>(List.of("docker"));
        argv.addAll(List.of(args));
        return CapturedRun.run(new LocalProcessRunner(), new ProcessSpec(argv, environment(), Optional.empty(), Optional.empty()));
    }

    private static DockerDaemon start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("imagegraph-dockerd-");
        String socket = "unix://" + dir.resolve("docker.sock");
        Path log = dir.resolve("dockerd.log");
        ProcessBuilder builder = new ProcessBuilder("dockerd", "--storage-driver", "vfs", "--iptables=false",
                "--bridge=none", "--host", socket, "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString(), "--pidfile", dir.resolve("docker.pid").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Process daemon;
        try {
            daemon = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot start dockerd for the tests (" + e.getMessage()
                    + "); install Debian's docker.io (bin/lib/install-deps) and run the tests as root", e);
        }
        DockerDaemon started = new DockerDaemon(socket, Optional.of(daemon), Optional.of(dir));
        Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "stop-test-dockerd"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!daemon.isAlive()) {
                throw new IOException("dockerd exited with " + daemon.exitValue() + " during start-up: "
                        + Files.readString(log));
            }
            if (started.docker("version", "--format", "{{.Server.Version}}").succeeded()) {
                return started;
            }
            Thread.sleep(200);
        }
        started.stop();
        throw new IOException("dockerd did not answer within 60 s: " + Files.readString(log));
    }

    private void stop() {
        process.ifPresent(daemon -> {
            daemon.destroy();
            try {
                if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                if (directory.isPresent()) {
                    new ProcessBuilder("rm", "-rf", directory.get().toString()).inheritIO().start().waitFor(60, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                System.err.println("could not remove the test daemon's files: " + e.getMessage());
            }
        });
    }
}
