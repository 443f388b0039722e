package io.imagegraph.core.run;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.BuildReportReader;
import io.imagegraph.core.gate.GateReport;
import io.imagegraph.core.gate.GateReportJson;
import io.imagegraph.core.gate.SmokeGate;
import io.imagegraph.core.gate.TestedImage;
import io.imagegraph.core.gate.TestedImages;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.graph.SmokeTest;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The smoke-test gate as {@code imagegraph test} and the {@code smokeTestImages} step run it:
 * the run's images against their exact references, each with the tests its graph entry declares
 * and the deployment scripts given for every image, the report written beside the build report
 * (or where asked).
 */
public final class GateRun {

    /**
     * What to test.
     *
     * @param buildReport    the run's build-report.json
     * @param scripts        deployment test scripts for every image, relative to the graph root
     * @param scriptTimeoutSeconds the time limit of each script
     * @param out            where test-report.json goes; empty: beside the build report
     */
    public record Request(Path buildReport, List<String> scripts, int scriptTimeoutSeconds, Optional<Path> out) {

        public Request {
            scripts = List.copyOf(scripts);
        }
    }

    /** What the gate found, and where its report is. */
    public record Outcome(GateReport report, Path file) {
    }

    private final SmokeGate gate;

    /** @param gate the gate that runs the tests (its engine, its events) */
    public GateRun(SmokeGate gate) {
        this.gate = gate;
    }

    public Outcome run(ImageGraph graph, Request request) throws RunRequestException, IOException, InterruptedException {
        if (request.scriptTimeoutSeconds() < 1) {
            throw new RunRequestException("the time limit of a script must be at least 1 second");
        }
        BuildReport build;
        try {
            build = BuildReportReader.read(request.buildReport());
        } catch (IOException e) {
            throw new RunRequestException(e.getMessage());
        }
        List<TestedImage> images = TestedImages.of(build);
        if (images.isEmpty()) {
            throw new RunRequestException("run " + build.runId() + " in " + request.buildReport()
                    + " built or reused no image to test");
        }
        Map<String, List<SmokeTest>> tests = new LinkedHashMap<>();
        for (TestedImage image : images) {
            if (!graph.contains(image.image())) {
                throw new RunRequestException(image.image() + " from " + request.buildReport() + " is not an image of"
                        + " the graph in " + graph.root() + "; give the graph the build used");
            }
            List<SmokeTest> own = new ArrayList<>(graph.node(image.image()).spec().smokeTests());
            for (String script : request.scripts()) {
                own.add(new SmokeTest("deployment", List.of(), script, request.scriptTimeoutSeconds()));
            }
            tests.put(image.image(), own);
        }
        java.util.Set<String> builtWithBuildah = new java.util.HashSet<>();
        for (TestedImage image : images) {
            if (graph.node(image.image()).spec().builder() == io.imagegraph.core.graph.BuilderKind.BUILDAH) {
                builtWithBuildah.add(image.image());
            }
        }
        GateReport result = gate.run(build.runId(), graph.root(), images, tests, builtWithBuildah);
        Path file = request.out().orElse(request.buildReport().toAbsolutePath().resolveSibling(GateReportJson.FILE_NAME));
        // A stopped gate (interrupted) still writes what ran; the stop is seen by the caller after.
        boolean stopped = Thread.interrupted();
        try (Writer writer = Files.newBufferedWriter(file)) {
            GateReportJson.write(result, writer);
        } finally {
            if (stopped) {
                Thread.currentThread().interrupt();
            }
        }
        return new Outcome(result, file);
    }
}
