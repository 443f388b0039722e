package io.imagegraph.core.gate;

import io.imagegraph.core.graph.SmokeTest;
import io.imagegraph.core.process.LineOutput;
import io.imagegraph.core.process.OutputTail;
import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import io.imagegraph.core.process.TimeLimit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Runs the smoke tests of the images a build produced, against their exact references:
 * <ul>
 *   <li>a container test ({@code command}) as {@code docker run --rm --network none
 *   --entrypoint ARGV0 IMAGE ARGV…}, stopped (client and container) past its time limit; for an
 *   image buildah built, in buildah's store: {@code buildah from}, {@code buildah run --network none
 *   CONTAINER -- ARGV…}, {@code buildah rm};</li>
 *   <li>a deployment script ({@code script}), once for every image that names it, on the host in
 *   the graph root, given every image under test: {@code IMAGEGRAPH_TEST_IMAGES} (lines of
 *   {@code name=reference}) and {@code IMAGEGRAPH_IMAGE_<NAME>} for each.</li>
 * </ul>
 * Every result is recorded, with the tail of its output; the report's verdicts say which images
 * may be promoted.
 */
public final class SmokeGate {

    private final ProcessRunner runner;
    private final String docker;
    private final String buildah;
    private final Map<String, String> environment;
    private final Consumer<GateEvent> events;
    private final Clock clock;

    public SmokeGate(ProcessRunner runner, String docker, Map<String, String> environment, Consumer<GateEvent> events,
                     Clock clock) {
        this(runner, docker, "buildah", environment, events, clock);
    }

    /** A gate that runs the images buildah built with this buildah program. */
    public SmokeGate(ProcessRunner runner, String docker, String buildah, Map<String, String> environment,
                     Consumer<GateEvent> events, Clock clock) {
        this.runner = runner;
        this.docker = docker;
        this.buildah = buildah;
        this.environment = Map.copyOf(environment);
        this.events = events;
        this.clock = clock;
    }

    /**
     * @param root   where deployment scripts are resolved and run
     * @param images the images under test
     * @param tests  each image's declared tests
     */
    public GateReport run(String runId, Path root, List<TestedImage> images, Map<String, List<SmokeTest>> tests)
            throws InterruptedException {
        return run(runId, root, images, tests, java.util.Set.of());
    }

    /**
     * @param builtWithBuildah the images that buildah built: their container tests run in buildah's
     *                         store, where they are, not in the Docker Engine's
     */
    public GateReport run(String runId, Path root, List<TestedImage> images, Map<String, List<SmokeTest>> tests,
                          java.util.Set<String> builtWithBuildah) throws InterruptedException {
        List<SmokeResult> results = new ArrayList<>();
        Map<String, List<String>> scripts = new LinkedHashMap<>();
        Map<String, SmokeTest> scriptTests = new HashMap<>();
        boolean stopped = false;
        for (TestedImage image : images) {
            for (SmokeTest test : tests.getOrDefault(image.image(), List.of())) {
                if (test.script() != null && !test.script().isBlank()) {
                    scripts.computeIfAbsent(test.script(), key -> new ArrayList<>()).add(image.image());
                    scriptTests.merge(test.script(), test, (a, b) -> a.timeoutSeconds() >= b.timeoutSeconds() ? a : b);
                    continue;
                }
                String name = image.image() + "/" + testName(test);
                if (stopped) {
                    results.add(stopped(name, List.of(image.image()), false));
                    continue;
                }
                try {
                    results.add(builtWithBuildah.contains(image.image()) ? inBuildahContainer(image, test)
                            : inContainer(image, test));
                } catch (InterruptedException e) {
                    stopped = true;
                    results.add(stopped(name, List.of(image.image()), true));
                }
            }
        }
        for (Map.Entry<String, List<String>> script : scripts.entrySet()) {
            SmokeTest test = scriptTests.get(script.getKey());
            String name = testName(test) + " (" + script.getKey() + ")";
            if (stopped) {
                results.add(stopped(name, script.getValue(), false));
                continue;
            }
            try {
                results.add(deployment(root, script.getKey(), test, script.getValue(), images));
            } catch (InterruptedException e) {
                stopped = true;
                results.add(stopped(name, script.getValue(), true));
            }
        }
        if (stopped) {
            // the caller still writes the report of what ran, then sees the stop
            Thread.currentThread().interrupt();
        }
        return new GateReport(runId, images, results);
    }

    /**
     * A test that a stop cut short ({@code whileRunning}) or that did not start because of it: a
     * failure that says so, so a stopped gate never reads as passed.
     */
    private SmokeResult stopped(String name, List<String> images, boolean whileRunning) {
        SmokeResult result = new SmokeResult(name, images, SmokeStatus.FAILED, -1, Duration.ZERO, "",
                whileRunning ? "stopped: the step was stopped while this test ran"
                        : "not run: the step was stopped before this test");
        events.accept(new GateEvent.Finished(result));
        return result;
    }

    private SmokeResult inContainer(TestedImage image, SmokeTest test) throws InterruptedException {
        String name = image.image() + "/" + testName(test);
        String container = "imagegraph-test-" + UUID.randomUUID().toString().substring(0, 12);
        List<String> argv = new ArrayList<>(List.of(docker, "run", "--rm", "--name", container, "--network", "none",
                "--entrypoint", test.command().get(0), image.reference()));
        argv.addAll(test.command().subList(1, test.command().size()));
        SmokeResult result;
        try {
            result = run(name, List.of(image.image()), new ProcessSpec(argv, environment, Optional.empty(),
                    Optional.empty()), Duration.ofSeconds(test.timeoutSeconds()));
        } catch (InterruptedException e) {
            // stopped: the container outlives its killed client unless it is removed
            Thread.interrupted();
            removeContainer(container);
            throw e;
        }
        if (result.status() == SmokeStatus.TIMED_OUT) {
            removeContainer(container);
        }
        return result;
    }

    private SmokeResult inBuildahContainer(TestedImage image, SmokeTest test) throws InterruptedException {
        String name = image.image() + "/" + testName(test);
        String container = "imagegraph-test-" + UUID.randomUUID().toString().substring(0, 12);
        List<String> from = new ArrayList<>(List.of(buildah, "from", "--name", container));
        if (image.reference().contains("@")) {
            from.add("--tls-verify=" + !io.imagegraph.core.build.LoopbackReference.isLoopback(image.reference()));
        }
        from.add(image.reference());
        try {
            io.imagegraph.core.process.CapturedRun created = io.imagegraph.core.process.CapturedRun.run(runner,
                    new ProcessSpec(from, environment, Optional.empty(), Optional.empty()));
            if (!created.succeeded()) {
                SmokeResult failed = new SmokeResult(name, List.of(image.image()), SmokeStatus.FAILED, created.exitCode(),
                        Duration.ZERO, "", "buildah cannot make a container of " + image.reference() + ": "
                        + created.stderr().strip());
                events.accept(new GateEvent.Finished(failed));
                return failed;
            }
        } catch (IOException e) {
            SmokeResult failed = new SmokeResult(name, List.of(image.image()), SmokeStatus.FAILED, -1, Duration.ZERO, "",
                    "could not run " + buildah + ": " + e.getMessage());
            events.accept(new GateEvent.Finished(failed));
            return failed;
        }
        List<String> argv = new ArrayList<>(List.of(buildah, "run", "--network", "none", container, "--"));
        argv.addAll(test.command());
        try {
            return run(name, List.of(image.image()), new ProcessSpec(argv, environment, Optional.empty(), Optional.empty()),
                    Duration.ofSeconds(test.timeoutSeconds()));
        } finally {
            remove(List.of(buildah, "rm", container));
        }
    }

    private SmokeResult deployment(Path root, String script, SmokeTest test, List<String> declaring,
                                   List<TestedImage> images) throws InterruptedException {
        Path path = root.resolve(script).normalize();
        String name = testName(test) + " (" + script + ")";
        if (!path.startsWith(root.normalize()) || !Files.isRegularFile(path)) {
            SmokeResult missing = new SmokeResult(name, declaring, SmokeStatus.FAILED, -1, Duration.ZERO, "",
                    "the deployment test " + script + " is not a file under " + root);
            events.accept(new GateEvent.Finished(missing));
            return missing;
        }
        Map<String, String> env = new HashMap<>(environment);
        StringBuilder all = new StringBuilder();
        for (TestedImage image : images) {
            all.append(image.image()).append('=').append(image.reference()).append('\n');
            env.put("IMAGEGRAPH_IMAGE_" + image.image().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"),
                    image.reference());
        }
        env.put("IMAGEGRAPH_TEST_IMAGES", all.toString());
        List<String> argv = Files.isExecutable(path) ? List.of(path.toString()) : List.of("sh", path.toString());
        return run(name, declaring, new ProcessSpec(argv, env, Optional.of(root), Optional.empty()),
                Duration.ofSeconds(test.timeoutSeconds()));
    }

    private SmokeResult run(String name, List<String> images, ProcessSpec spec, Duration limit)
            throws InterruptedException {
        events.accept(new GateEvent.Started(name, images));
        Instant start = clock.instant();
        OutputTail tail;
        OptionalInt exit;
        try (OutputStream lines = new LineOutput(line -> events.accept(new GateEvent.Output(name, line)))) {
            tail = new OutputTail(lines);
            exit = TimeLimit.run(runner, spec, tail, tail, limit);
        } catch (IOException e) {
            SmokeResult failed = new SmokeResult(name, images, SmokeStatus.FAILED, -1,
                    Duration.between(start, clock.instant()), "", "could not run it: " + e.getMessage());
            events.accept(new GateEvent.Finished(failed));
            return failed;
        }
        Duration took = Duration.between(start, clock.instant());
        SmokeResult result;
        if (exit.isEmpty()) {
            result = new SmokeResult(name, images, SmokeStatus.TIMED_OUT, -1, took, lastLines(tail.text()),
                    "stopped after its limit of " + limit.toSeconds() + " s");
        } else if (exit.getAsInt() == 0) {
            result = new SmokeResult(name, images, SmokeStatus.PASSED, 0, took, lastLines(tail.text()), "passed");
        } else {
            result = new SmokeResult(name, images, SmokeStatus.FAILED, exit.getAsInt(), took, lastLines(tail.text()),
                    "exited with " + exit.getAsInt() + ": " + ownError(tail).orElseGet(tail::lastLine));
        }
        events.accept(new GateEvent.Finished(result));
        return result;
    }

    /**
     * The line where docker run says why it could not start the container (exit 125: "docker: Error
     * response from daemon: ... unauthorized"), which comes before its "Run 'docker run --help'" line.
     */
    private static Optional<String> ownError(OutputTail tail) {
        return tail.text().lines().map(String::strip).filter(line -> line.startsWith("docker: "))
                .reduce((first, second) -> second);
    }

    /** Stops a container whose docker client was stopped at the time limit. */
    private void removeContainer(String container) throws InterruptedException {
        remove(List.of(docker, "rm", "--force", container));
    }

    private void remove(List<String> argv) throws InterruptedException {
        try {
            runner.run(new ProcessSpec(argv, environment, Optional.empty(),
                    Optional.empty()), OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the client is gone too; nothing more can be done from here
        }
    }

    private static String testName(SmokeTest test) {
        return test.name() != null && !test.name().isBlank() ? test.name()
                : test.script() != null ? test.script() : String.join(" ", test.command());
    }

    /** The last 20 lines, for the report. */
    private static String lastLines(String text) {
        String[] lines = text.split("\r?\n");
        int from = Math.max(0, lines.length - 20);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length)).strip();
    }
}
