package io.imagegraph.core.pipeline;

import io.imagegraph.core.gate.GateLogLines;
import io.imagegraph.core.gate.GateReport;
import io.imagegraph.core.gate.GateReportJson;
import io.imagegraph.core.gate.SmokeGate;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.graph.LoadOptions;
import io.imagegraph.core.provenance.Attested;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.run.GateRun;
import io.imagegraph.core.run.PipelineValues;
import io.imagegraph.core.run.PlanRun;
import io.imagegraph.core.run.RunRequestException;
import io.imagegraph.core.run.RunSummary;
import io.imagegraph.core.track.ConfiguredHolds;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The {@code smokeTestImages} step's work on the agent: the run's smoke tests, then its lineage drawn again. */
public final class SmokeTestWork {

    /**
     * What to test.
     *
     * @param root           the graph root on the agent
     * @param load           how to read the graph
     * @param buildReport    the run's build-report.json
     * @param scripts        deployment test scripts for every image, relative to the graph root
     * @param timeoutSeconds the time limit of each script
     * @param docker         the docker program
     * @param quiet          leave the tests' output out of the log
     * @param signing        how to sign a gate attestation of each tested image; empty: none
     */
    public record Request(Path root, LoadOptions load, Path buildReport, List<String> scripts, int timeoutSeconds,
                          String docker, boolean quiet, Optional<StepSigning> signing) {

        public Request {
            scripts = List.copyOf(scripts);
        }

        /** A request that signs nothing. */
        public Request(Path root, LoadOptions load, Path buildReport, List<String> scripts, int timeoutSeconds,
                       String docker, boolean quiet) {
            this(root, load, buildReport, scripts, timeoutSeconds, docker, quiet, Optional.empty());
        }
    }

    private final StepEnvironment environment;
    private final ConfiguredHolds holds;
    private final Consumer<String> log;
    private final Clock clock;

    public SmokeTestWork(StepEnvironment environment, ConfiguredHolds holds, Consumer<String> log, Clock clock) {
        this.environment = environment;
        this.holds = holds;
        this.log = log;
        this.clock = clock;
    }

    /**
     * Tests. When interrupted (the step was stopped), the running test is stopped, the report of
     * what ran is still written, and the record says the step was stopped ({@link StepRecord#stopped}).
     */
    public StepRecord run(Request request)
            throws RunRequestException, RegistryException, IOException, InterruptedException {
        ImageGraph graph = PlanRun.load(request.root(), request.load()).graph();
        SmokeGate gate = new SmokeGate(environment.runner(), request.docker(), environment.toolEnvironment(),
                new GateLogLines(log, request.quiet()), clock);
        GateRun.Outcome outcome = new GateRun(gate).run(graph,
                new GateRun.Request(request.buildReport(), request.scripts(), request.timeoutSeconds(), Optional.empty()));
        // Cleared, so that the report can still be read and drawn (interruptible file channels close).
        boolean stopped = Thread.interrupted();
        StringWriter json = new StringWriter();
        GateReportJson.write(outcome.report(), json);
        boolean passed = outcome.report().passed();
        StepRecord record = StepRecord.ofRun(passed,
                passed ? Optional.empty() : Optional.of(RunSummary.ofGate(outcome.report())),
                PipelineValues.ofJson(json.toString()), graph, request.buildReport(),
                environment.state(request.root()), holds, List.of());
        if (stopped) {
            return record.stopped(stoppedReason(outcome.report()));
        }
        if (request.signing().isPresent()) {
            List<Attested> attested = request.signing().get().attestGate(environment.registries(), outcome.report(),
                    clock);
            attested.forEach(result -> log.accept("imagegraph: " + result.line()));
            Optional<String> problem = StepSigning.problem(attested);
            if (problem.isPresent() && record.succeeded()) {
                return record.failed(problem.get());
            }
        }
        return record;
    }

    /** What a stop left unfinished, from the report of the stopped tests. */
    static String stoppedReason(GateReport report) {
        long unfinished = report.results().stream().filter(result -> result.reason().startsWith("stopped: ")
                || result.reason().startsWith("not run: ")).count();
        return "smokeTestImages was stopped; " + unfinished + " of " + report.results().size()
                + (report.results().size() == 1 ? " test" : " tests") + " did not finish (failed in the report)";
    }
}
