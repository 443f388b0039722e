package io.imagegraph.core.build;

import io.imagegraph.core.process.CapturedRun;
import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Finds out, once per docker client and Engine, whether builds can run through BuildKit: a build
 * of a one-label image {@code FROM scratch} with {@code DOCKER_BUILDKIT=1}, which fails where the
 * daemon has no BuildKit or where the client wants the buildx plugin and has none (Docker 23 and
 * later). {@code DOCKER_BUILDKIT=0} in the environment keeps the legacy builder.
 */
final class BuildKitSupport {

    private static final String BUILDKIT = "BuildKit (DOCKER_BUILDKIT=1)";
    private static final byte[] PROBE = "FROM scratch\nLABEL io.imagegraph.probe=buildkit\n".getBytes(StandardCharsets.UTF_8);

    private final ProcessRunner runner;
    private final String program;
    private final Map<String, String> environment;
    private final Optional<BuildKitProbeCache> cache;
    private DockerBuildMode mode;

    BuildKitSupport(ProcessRunner runner, String program, Map<String, String> environment) {
        this(runner, program, environment, Optional.empty());
    }

    /** Probes once per Engine and client for all runs that share the cache ({@link BuildKitProbeCache}). */
    BuildKitSupport(ProcessRunner runner, String program, Map<String, String> environment,
                    Optional<BuildKitProbeCache> cache) {
        this.runner = runner;
        this.program = program;
        this.environment = Map.copyOf(environment);
        this.cache = cache;
    }

    /** The Engine's build mode, probed on first use. */
    synchronized DockerBuildMode mode() throws InterruptedException {
        if (mode == null) {
            mode = probe();
        }
        return mode;
    }

    private DockerBuildMode probe() throws InterruptedException {
        // whether the Engine has a bridge network is asked beside the BuildKit question, not before it
        FutureTask<Boolean> bridgeCheck = new FutureTask<>(() -> run(Optional.empty(), program, "network", "inspect",
                "--format", "{{.Name}}", "bridge").map(CapturedRun::succeeded).orElse(false));
        Thread checking = new Thread(bridgeCheck, "imagegraph bridge network check");
        checking.setDaemon(true);
        checking.start();
        try {
            return probe(bridgeCheck);
        } finally {
            bridgeCheck.cancel(true);
        }
    }

    private DockerBuildMode probe(FutureTask<Boolean> bridgeCheck) throws InterruptedException {
        String asked = environment.getOrDefault("DOCKER_BUILDKIT", System.getenv("DOCKER_BUILDKIT"));
        if ("0".equals(asked) || "false".equalsIgnoreCase(asked)) {
            return new DockerBuildMode(false, bridge(bridgeCheck), "legacy builder (DOCKER_BUILDKIT=0 in the environment)");
        }
        Map<String, String> env = new HashMap<>(environment);
        env.put("DOCKER_BUILDKIT", "1");
        Optional<String> engine = cache.isPresent() ? cache.get().engine(runner, program, env) : Optional.empty();
        if (engine.isPresent() && cache.get().builtThroughBuildKit(engine.get())) {
            return new DockerBuildMode(true, bridge(bridgeCheck), BUILDKIT);
        }
        Optional<CapturedRun> probe = run(Optional.of(PROBE), program, "build", "--quiet", "--network", "none", "-");
        if (probe.isPresent() && probe.get().succeeded()) {
            String id = probe.get().stdout().strip();
            if (!id.isEmpty()) {
                run(Optional.empty(), program, "image", "rm", id);
            }
            if (engine.isPresent()) {
                cache.get().remember(engine.get());
            }
            return new DockerBuildMode(true, bridge(bridgeCheck), BUILDKIT);
        }
        String reason = probe.map(run -> firstLine(run.stderr() + "\n" + run.stdout())).orElse("it could not be run");
        return new DockerBuildMode(false, bridge(bridgeCheck), "legacy builder: this docker client and Engine cannot build through"
                + " BuildKit (" + reason + ")");
    }

    private static boolean bridge(FutureTask<Boolean> bridgeCheck) throws InterruptedException {
        try {
            return bridgeCheck.get();
        } catch (ExecutionException e) {
            return false;
        }
    }

    private Optional<CapturedRun> run(Optional<byte[]> stdin, String... argv) throws InterruptedException {
        Map<String, String> env = new HashMap<>(environment);
        env.put("DOCKER_BUILDKIT", "1");
        try {
            return Optional.of(CapturedRun.run(runner, new ProcessSpec(java.util.List.of(argv), env, Optional.empty(), stdin)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String firstLine(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse("no output");
    }
}
