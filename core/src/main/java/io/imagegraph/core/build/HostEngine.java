package io.imagegraph.core.build;

import io.imagegraph.core.process.OutputTail;
import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import io.imagegraph.core.process.TimeLimit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A build host of a run, connected: its builders (docker with the host's {@code DOCKER_HOST} and
 * TLS folder), whether its Engine still answers, whether it builds through BuildKit and for which
 * platforms, and the pull of a parent by digest from the registry.
 */
public final class HostEngine {

    /** How long {@code docker version} may take before the Engine counts as not answering. */
    static final Duration ANSWER_LIMIT = Duration.ofSeconds(10);

    private final BuildHost host;
    private final BuildTools tools;
    private final ProcessRunner runner;
    private final String docker;
    private final Map<String, String> environment;
    private final BuildKitSupport buildKit;
    private final EnginePlatforms platforms;

    HostEngine(BuildHost host, BuildTools tools, ProcessRunner runner, String docker, Map<String, String> environment) {
        this.host = host;
        this.tools = tools;
        this.runner = runner;
        this.docker = docker;
        this.environment = Map.copyOf(environment);
        this.buildKit = new BuildKitSupport(runner, docker, environment);
        this.platforms = new EnginePlatforms(host, runner, docker, environment);
    }

    public BuildHost host() {
        return host;
    }

    public String name() {
        return host.name();
    }

    BuildTools tools() {
        return tools;
    }

    /** Empty when the Engine answers {@code docker version}, else why it does not, in words. */
    public Optional<String> problem() throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OptionalInt exit;
        try {
            exit = TimeLimit.run(runner, spec(List.of(docker, "version", "--format", "{{.Server.Version}}")), out, out,
                    ANSWER_LIMIT);
        } catch (IOException e) {
            return Optional.of("cannot run " + docker + ": " + e.getMessage());
        }
        if (exit.isEmpty()) {
            return Optional.of("its Engine at " + host.url() + " did not answer 'docker version' within "
                    + ANSWER_LIMIT.toSeconds() + " s");
        }
        if (exit.getAsInt() != 0) {
            String said = out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty()).reduce((first, second) -> second).orElse("no output");
            return Optional.of("its Engine at " + host.url() + " stopped answering (" + said + ")");
        }
        return Optional.empty();
    }

    /** Whether docker builds on this Engine through BuildKit (probed once). */
    public boolean buildsWithBuildKit() throws InterruptedException {
        return buildKit.mode().buildKit();
    }

    /** Why this host cannot build {@code image} for {@code platform} ({@link EnginePlatforms}), or empty when it can. */
    public Optional<String> platformRefusal(String image, io.imagegraph.core.ref.TargetPlatform platform)
            throws InterruptedException {
        return platforms.refusal(image, platform);
    }

    /**
     * Pulls {@code reference} (a {@code repository@sha256:…} reference) into this Engine, appending
     * docker's output to the log; returns how long it took.
     */
    Duration pull(String reference, OutputStream log) throws ImageBuildException, InterruptedException {
        long start = System.nanoTime();
        OutputTail tail = new OutputTail(log);
        int exit;
        try {
            exit = runner.run(spec(List.of(docker, "pull", "--quiet", reference)), tail, tail);
        } catch (IOException e) {
            throw new ImageBuildException("cannot run " + docker + " pull on build host " + name() + ": "
                    + e.getMessage(), false);
        }
        if (exit != 0) {
            throw TransientFailures.failure("pulling the parent " + reference + " on build host " + name() + " failed",
                    tail);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private ProcessSpec spec(List<String> argv) {
        return new ProcessSpec(argv, new HashMap<>(environment), Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
        return host.toString();
    }
}
