package io.imagegraph.core.run;

import io.imagegraph.core.build.BuildEventSink;
import io.imagegraph.core.build.BuildOptions;
import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.BuildReportJson;
import io.imagegraph.core.build.BuildTools;
import io.imagegraph.core.build.GitSource;
import io.imagegraph.core.build.GraphBuild;
import io.imagegraph.core.graph.NetworkMode;
import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.ref.InvalidReferenceException;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.registry.ManifestStore;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.track.TagEvents;
import io.imagegraph.core.track.TagHistory;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A build run as {@code imagegraph build} and the {@code buildImageGraph} step run it: check the
 * registry, build the plan (lineage into the state folder), write {@code build-report.json} into
 * the run directory — also when the run is interrupted — and add the tags it pushed to the tag
 * history.
 */
public final class BuildRun {

    /**
     * How to build.
     *
     * @param runId        the run's id; empty: a new one ({@link RunIds})
     * @param tags         the run's tags; empty: each image's from the graph file
     * @param slots        how many images build at once
     * @param failFast     stop at the first failure
     * @param rebuild      build even what could be reused
     * @param retries      attempts after a transient failure
     * @param runDirectory where logs and the report go; empty: {@code <state>/runs/<run id>}
     * @param lineageFile  the lineage store; empty: the state folder's
     * @param registry     the registry to push to, over the graph file's
     * @param noPush       do not push, even with a registry
     * @param network      the network every build gets, over the graph file's
     * @param refreshOlderThan rebuild an image whose newest build is older, over the graph file's freshness
     */
    public record Request(Optional<String> runId, List<String> tags, int slots, boolean failFast, boolean rebuild,
                          int retries, Optional<Path> runDirectory, Optional<Path> lineageFile,
                          Optional<String> registry, boolean noPush, Optional<NetworkMode> network,
                          Optional<Duration> refreshOlderThan) {

        public Request {
            tags = List.copyOf(tags);
        }

        /** A request whose builds get the network the graph file gives them. */
        public Request(Optional<String> runId, List<String> tags, int slots, boolean failFast, boolean rebuild,
                       int retries, Optional<Path> runDirectory, Optional<Path> lineageFile,
                       Optional<String> registry, boolean noPush) {
            this(runId, tags, slots, failFast, rebuild, retries, runDirectory, lineageFile, registry, noPush,
                    Optional.empty(), Optional.empty());
        }
    }

    /**
     * What the run did.
     *
     * @param report         every image's outcome
     * @param reportFile     where build-report.json was written
     * @param historyProblem why the tag history could not be written, when it could not
     */
    public record Outcome(BuildReport report, Path reportFile, Optional<String> historyProblem) {

        public boolean succeeded() {
            return report.succeeded() && historyProblem.isEmpty();
        }
    }

    private final ProcessRunner runner;
    private final BuildTools tools;
    private final PromotionRun.RegistriesFor registries;
    private final StateDirectory state;
    private final BuildEventSink events;
    private final Clock clock;
    private final java.util.Optional<io.imagegraph.core.build.BuildHosts> hosts;
    private final Object building = new Object();
    /** The thread inside {@link GraphBuild#run} (guarded by {@link #building}): the one {@link #cancel()} interrupts. */
    private Thread builder;
    /** Whether {@link #cancel()} was called (guarded by {@link #building}). */
    private boolean cancelled;

    public BuildRun(ProcessRunner runner, BuildTools tools, PromotionRun.RegistriesFor registries, StateDirectory state,
                    BuildEventSink events, Clock clock) {
        this(runner, tools, registries, state, events, clock, Optional.empty());
    }

    /**
     * A run that builds on these build hosts (their slots, not {@link Request#slots()}) instead of
     * the local builders; with more than one host it needs a registry, which carries parents
     * between them.
     */
    public BuildRun(ProcessRunner runner, BuildTools tools, PromotionRun.RegistriesFor registries, StateDirectory state,
                    BuildEventSink events, Clock clock, Optional<io.imagegraph.core.build.BuildHosts> hosts) {
        this.hosts = hosts;
        this.runner = runner;
        this.tools = tools;
        this.registries = registries;
        this.state = state;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Stops the run from another thread (Ctrl-C): the running builds and pushes stop, nothing more
     * starts, and the report is still written. Only the building is interrupted, never the
     * writing of the report and the tag history after it, so a late cancel cannot lose them.
     * Safe to call at any time, also before or after {@link #run}.
     */
    public void cancel() {
        synchronized (building) {
            cancelled = true;
            if (builder != null) {
                builder.interrupt();
            }
        }
    }

    /**
     * Builds. When interrupted or {@linkplain #cancel() cancelled}, the running builds stop and
     * the report (with the images not built {@code cancelled}) is still written; the thread's
     * interrupt flag is then set.
     */
    public Outcome run(Plan plan, Request request)
            throws RunRequestException, RegistryException, IOException, InterruptedException {
        if (request.slots() < 1) {
            throw new RunRequestException("slots must be at least 1");
        }
        if (request.retries() < 0) {
            throw new RunRequestException("retries cannot be negative");
        }
        Optional<String> registryHost;
        try {
            registryHost = request.registry().map(host -> RegistryHost.parse(host).value());
        } catch (InvalidReferenceException e) {
            throw new RunRequestException("the registry " + e.getMessage());
        }
        Path root = plan.graph().root();
        String runId = request.runId().isPresent() ? request.runId().get() : request.runDirectory().isPresent()
                ? RunIds.next(clock.instant()) : RunIds.claim(state.folder().resolve("runs"), clock.instant());
        Path runDirectory = request.runDirectory().orElse(state.folder().resolve("runs").resolve(runId));
        boolean push = !request.noPush() && registryHost.or(() -> plan.graph().registry()).isPresent();
        if (hosts.isPresent() && hosts.get().size() > 1 && !push) {
            throw new RunRequestException("building on " + hosts.get().size() + " build hosts ("
                    + String.join(", ", hosts.get().names()) + ") needs a registry, which carries each parent to the"
                    + " hosts that build its children: give --registry HOST[:PORT] (or 'registry' in the graph file)"
                    + (request.noPush() ? " and drop --no-push" : "") + ", or build on one host");
        }
        GitSource git = new GitSource(runner);
        BuildOptions options = new BuildOptions(runId, request.tags(), request.slots(), request.failFast(),
                request.rebuild(), request.retries(), Duration.ofSeconds(2), runDirectory, git.revision(root),
                git.url(root), registryHost, push, request.network(), request.refreshOlderThan());
        Optional<ManifestStore> client = Optional.empty();
        if (push) {
            String host = registryHost.or(() -> plan.graph().registry()).orElseThrow();
            Registry registry = registries.registries(host).named(host);
            registry.checkVersion();
            client = Optional.of(registry);
        }
        GraphBuild build = new GraphBuild(tools, request.lineageFile().map(JsonLinesLineageStore::new)
                .orElseGet(() -> JsonLinesLineageStore.in(state)), events, clock, client);
        if (hosts.isPresent()) {
            build = build.onHosts(hosts.get());
        }
        BuildReport report;
        synchronized (building) {
            builder = Thread.currentThread();
            if (cancelled) {
                builder.interrupt();
            }
        }
        try {
            report = build.run(plan, options);
        } finally {
            synchronized (building) {
                builder = null;
            }
        }
        boolean interrupted = Thread.interrupted();
        synchronized (building) {
            interrupted |= cancelled;
        }
        Path reportFile = runDirectory.resolve(BuildReportJson.FILE_NAME);
        try (Writer writer = Files.newBufferedWriter(reportFile)) {
            BuildReportJson.write(report, state.folder(), writer);
        }
        Optional<String> historyProblem = Optional.empty();
        try {
            TagHistory.in(state).record(TagEvents.ofBuild(report));
        } catch (IOException e) {
            historyProblem = Optional.of("the run finished, but the tag history in " + state.folder()
                    + " could not be written: " + e.getMessage());
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new Outcome(report, reportFile, historyProblem);
    }
}
