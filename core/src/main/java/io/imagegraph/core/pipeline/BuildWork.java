package io.imagegraph.core.pipeline;

import io.imagegraph.core.access.RegistryRefusals;
import io.imagegraph.core.quota.ConfiguredQuotas;
import io.imagegraph.core.quota.Quota;
import io.imagegraph.core.build.BuildEventSink;
import io.imagegraph.core.build.BuildHost;
import io.imagegraph.core.build.BuildHosts;
import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.BuildTools;
import io.imagegraph.core.build.ImageResult;
import io.imagegraph.core.build.ImageStatus;
import io.imagegraph.core.graph.GraphProblem;
import io.imagegraph.core.graph.LoadOptions;
import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.provenance.Attested;
import io.imagegraph.core.plan.Selection;
import io.imagegraph.core.plan.UpstreamWatches;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.run.BuildRun;
import io.imagegraph.core.run.PipelineValues;
import io.imagegraph.core.run.PlanRun;
import io.imagegraph.core.run.RunRequestException;
import io.imagegraph.core.run.RunSummary;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.track.ConfiguredHolds;
import io.imagegraph.core.upstream.UpstreamDigest;
import io.imagegraph.core.upstream.UpstreamState;
import io.imagegraph.core.upstream.UpstreamWatch;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code buildImageGraph} step's work on the agent: the change scope (a pull request's diff
 * in a multibranch PR build), the plan, the build, the lineage drawing.
 */
public final class BuildWork {

    /**
     * What to build.
     *
     * @param root        the graph root on the agent
     * @param load        how to read the graph (graph file, builder, platform)
     * @param selection   which images
     * @param changedFrom build only what changed since this revision
     * @param allImages   build every selected image, even in a pull-request build
     * @param registry    the registry to push to, over the graph file's
     * @param tags        the run's tags; empty: {@code pr-<id>} in a pull-request build, else the configured ones
     * @param configuredTags the administrator's default tags; empty: each image's from the graph file
     * @param slots       how many images build at once
     * @param rebuild     build even what could be reused
     * @param failFast    stop at the first failure
     * @param retries     attempts after a transient failure
     * @param docker      the docker program
     * @param buildah     the buildah program
     * @param movedUpstream the upstream digests that started the build (the image-change trigger's), pinned
     * @param secrets     the build secrets the step takes from credentials, over the graph file's sources
     * @param signing     how to sign a provenance attestation of each pushed image; empty: none
     */
    public record Request(Path root, LoadOptions load, Selection selection, Optional<String> changedFrom,
                          boolean allImages, Optional<String> registry, List<String> tags, List<String> configuredTags,
                          int slots, boolean rebuild, boolean failFast, int retries, String docker, String buildah,
                          List<UpstreamDigest> movedUpstream, List<StepSecrets.Value> secrets,
                          Optional<StepSigning> signing) {

        public Request {
            tags = List.copyOf(tags);
            configuredTags = List.copyOf(configuredTags);
            movedUpstream = List.copyOf(movedUpstream);
            secrets = List.copyOf(secrets);
        }

        /** A request without secrets of the step's own. */
        public Request(Path root, LoadOptions load, Selection selection, Optional<String> changedFrom,
                       boolean allImages, Optional<String> registry, List<String> tags, List<String> configuredTags,
                       int slots, boolean rebuild, boolean failFast, int retries, String docker, String buildah,
                       List<UpstreamDigest> movedUpstream) {
            this(root, load, selection, changedFrom, allImages, registry, tags, configuredTags, slots, rebuild,
                    failFast, retries, docker, buildah, movedUpstream, List.of(), Optional.empty());
        }
    }

    private final StepEnvironment environment;
    private final ConfiguredHolds holds;
    private final BuildEventSink events;
    private final Consumer<String> log;
    private final Clock clock;
    private final RegistryRefusals refusals;
    private final List<BuildHost> hosts;
    private final List<Quota> configuredQuotas;

    /**
     * @param events the build's progress (the plugin writes it to the build log)
     * @param log    lines for the build log about the step itself
     */
    public BuildWork(StepEnvironment environment, ConfiguredHolds holds, BuildEventSink events, Consumer<String> log,
                     Clock clock) {
        this(environment, holds, events, log, clock, RegistryRefusals.none(), List.of(), List.of());
    }

    private BuildWork(StepEnvironment environment, ConfiguredHolds holds, BuildEventSink events, Consumer<String> log,
                      Clock clock, RegistryRefusals refusals, List<BuildHost> hosts, List<Quota> configuredQuotas) {
        this.environment = environment;
        this.holds = holds;
        this.events = events;
        this.log = log;
        this.clock = clock;
        this.refusals = refusals;
        this.hosts = List.copyOf(hosts);
        this.configuredQuotas = List.copyOf(configuredQuotas);
    }

    /** The same build, refused before anything is built when it would push to a registry the job may not use. */
    public BuildWork withRegistryRefusals(RegistryRefusals refused) {
        return new BuildWork(environment, holds, events, log, clock, refused, hosts, configuredQuotas);
    }

    /**
     * The same build holding its pushes to these quotas (the configuration's and the job's folders')
     * besides the graph file's: a push that would take one over is refused before it is sent.
     */
    public BuildWork withQuotas(List<Quota> quotas) {
        return new BuildWork(environment, holds, events, log, clock, refusals, hosts, quotas);
    }

    /**
     * The same work spread over these build hosts (the plugin's configured Docker servers, their
     * TLS folders already written for the build) instead of the agent's own Docker; none: the agent's.
     */
    public BuildWork onHosts(List<BuildHost> buildHosts) {
        return new BuildWork(environment, holds, events, log, clock, refusals, buildHosts, configuredQuotas);
    }

    /**
     * Builds. When interrupted (the step was stopped), the running builds are stopped, the report
     * of what was done is still written, and the record says the step was stopped
     * ({@link StepRecord#stopped}), so Jenkins records the partial run and shows it as aborted.
     */
    public StepRecord run(Request request)
            throws RunRequestException, RegistryException, IOException, InterruptedException {
        ChangeScope scope = ChangeScope.of(request.changedFrom(), request.allImages(), environment.variables(),
                request.root(), environment.runner());
        log.accept("imagegraph: building " + scope.describe());
        StateDirectory state = environment.state(request.root());
        if (!request.movedUpstream().isEmpty()) {
            UpstreamState.in(state).record(request.movedUpstream());
            request.movedUpstream().forEach(moved -> log.accept("imagegraph: pinning " + moved.watch() + " to "
                    + moved.digest() + ", which started this build"));
        }
        Plan planned = new PlanRun(environment.runner()).plan(new PlanRun.Request(request.root(), request.load(),
                request.selection(), scope.changedFrom(), Optional.empty()), state);
        Plan plan = configuredQuotas.isEmpty() ? planned : new Plan(planned.graph().withQuotas(ConfiguredQuotas
                .joined(planned.graph().quotas(), configuredQuotas)), planned.images(), planned.changes(),
                planned.warnings(), planned.pins());
        refusals.check(request.registry().or(() -> plan.graph().registry()));
        for (GraphProblem warning : plan.warnings()) {
            log.accept("warning: " + warning);
        }
        BuildRun.Outcome outcome;
        try (StepSecrets secrets = StepSecrets.open(request.secrets(), environment.secretsFolder())) {
            secrets.requireDeclared(plan.graph());
            Map<String, String> toolEnvironment = new LinkedHashMap<>(environment.toolEnvironment());
            toolEnvironment.putAll(secrets.environment());
            BuildTools tools = BuildTools.local(environment.runner(), request.docker(), request.buildah(),
                    toolEnvironment, Set.of(), secrets.sources(), Optional.of(state.folder()));
            Optional<BuildHosts> connected = hosts.isEmpty() ? Optional.empty()
                    : Optional.of(BuildHosts.connect(hosts, environment.runner(), request.docker(),
                    environment.toolEnvironment(), variables -> {
                        Map<String, String> onHost = new LinkedHashMap<>(variables);
                        onHost.putAll(secrets.environment());
                        return BuildTools.local(environment.runner(), request.docker(), request.buildah(), onHost,
                                Set.of(), secrets.sources(), Optional.of(state.folder()));
                    }));
            connected.ifPresent(on -> log.accept("imagegraph: building on " + on.size() + " build host"
                    + (on.size() == 1 ? "" : "s") + " (" + String.join(", ", on.names()) + ")"));
            BuildRun run = new BuildRun(environment.runner(), tools, host -> environment.registries(), state, events,
                    clock, connected);
            outcome = run.run(plan, new BuildRun.Request(Optional.empty(), scope.tags(request.tags(),
                    request.configuredTags()), request.slots(), request.failFast(), request.rebuild(), request.retries(),
                    Optional.empty(), Optional.empty(), request.registry(), false));
        }
        outcome.report().hosts().ifPresent(placed -> placed.lines()
                .forEach(line -> log.accept("imagegraph: " + line)));
        // Cleared, so that the report can still be read and drawn (interruptible file channels close).
        boolean stopped = Thread.interrupted();
        List<String> watches = UpstreamWatches.of(plan.graph()).stream().map(UpstreamWatch::key).toList();
        StepRecord record = StepRecord.ofRun(outcome.succeeded(), failure(outcome),
                PipelineValues.ofBuild(outcome.report()), plan.graph(), outcome.reportFile(), state, holds, watches);
        if (stopped) {
            return record.stopped(stoppedReason(outcome.report()));
        }
        if (request.signing().isPresent()) {
            List<Attested> attested = request.signing().get().attestBuild(environment.registries(), outcome.report(),
                    JsonLinesLineageStore.in(state).records(), plan.graph(), request.selection().names(),
                    scope.tags(request.tags(), request.configuredTags()), environment.runner(), clock);
            attested.forEach(result -> log.accept("imagegraph: " + result.line()));
            Optional<String> problem = StepSigning.problem(attested);
            if (problem.isPresent() && record.succeeded()) {
                return record.failed(problem.get());
            }
        }
        return record;
    }

    /** What a stop left undone, from the report of the stopped run. */
    static String stoppedReason(BuildReport report) {
        long undone = report.images().stream().filter(image -> image.status() == ImageStatus.CANCELLED).count();
        return "buildImageGraph was stopped; " + undone + (undone == 1 ? " image was" : " images were")
                + " not built (cancelled in the report)";
    }

    private static Optional<String> failure(BuildRun.Outcome outcome) {
        if (outcome.historyProblem().isPresent()) {
            return outcome.historyProblem();
        }
        BuildReport report = outcome.report();
        if (report.succeeded()) {
            return Optional.empty();
        }
        List<String> failed = report.images().stream().filter(image -> !image.status().isSuccess()
                        && image.status() != ImageStatus.NOT_SELECTED)
                .map(BuildWork::describe).toList();
        return Optional.of(RunSummary.ofBuild(report) + ". Not built: " + String.join("; ", failed));
    }

    private static String describe(ImageResult image) {
        return image.name() + " (" + image.reason() + ")";
    }
}
