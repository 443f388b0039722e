package io.imagegraph.core.build;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.lineage.DurationEstimates;
import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.lineage.LineageStore;
import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.plan.PlannedImage;
import io.imagegraph.core.registry.ManifestStore;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds a plan: the images to build and every ancestor they need, in dependency order on N
 * slots, critical path first. An image whose input digest is already tagged is reused (tagged for
 * this run) instead of built, unless {@link BuildOptions#rebuild()}; a built image's parents are
 * pinned to the exact images this run built or reused.
 */
public final class GraphBuild {

    /** Builds one image of the run with these builders, on this build host when the run has them. */
    @FunctionalInterface
    private interface ImageInRun {
        ImageResult build(String name, BuildTools builders, Optional<HostBuild.OnHost> onHost) throws InterruptedException;
    }

    private final BuildTools tools;
    private final LineageStore lineage;
    private final BuildEventSink events;
    private final Clock clock;
    private final Optional<RegistryTags> registry;
    private final Optional<BuildHosts> hosts;
    private final Optional<ManifestStore> store;
    private final HostPlatforms hostPlatforms;
    private final ImagePushing pushing;

    /** A build that pushes (when its options say so) with the builders' own push, without reading the registry. */
    public GraphBuild(BuildTools tools, LineageStore lineage, BuildEventSink events, Clock clock) {
        this(tools, lineage, events, clock, Optional.empty());
    }

    /**
     * A build that, when its options push, first looks every image's input digest up in this
     * registry and reuses what is there, moving the run's tags to it registry side; a built image
     * is pushed once under its input-digest tag and the run's tags are then put registry side.
     */
    public GraphBuild(BuildTools tools, LineageStore lineage, BuildEventSink events, Clock clock,
                      Optional<ManifestStore> registry) {
        this(tools, lineage, events, clock, registry, HostPlatforms.local());
    }

    /** A build that judges which platforms it can build by {@code hostPlatforms} rather than by this machine. */
    public GraphBuild(BuildTools tools, LineageStore lineage, BuildEventSink events, Clock clock,
                      Optional<ManifestStore> registry, HostPlatforms hostPlatforms) {
        this.hostPlatforms = hostPlatforms;
        this.tools = tools;
        this.lineage = lineage;
        this.events = events;
        this.clock = clock;
        this.registry = registry.map(RegistryTags::new);
        this.hosts = Optional.empty();
        this.store = registry;
        this.pushing = new ImagePushing(this.registry, events);
    }

    private GraphBuild(GraphBuild build, BuildHosts hosts) {
        this.tools = build.tools;
        this.lineage = build.lineage;
        this.events = build.events;
        this.clock = build.clock;
        this.registry = build.registry;
        this.store = build.store;
        this.hostPlatforms = build.hostPlatforms;
        this.hosts = Optional.of(hosts);
        this.pushing = build.pushing;
    }

    /** The same build spread over these build hosts' slots (see {@link HostBuild}) instead of the local builders. */
    public GraphBuild onHosts(BuildHosts buildHosts) {
        return new GraphBuild(this, buildHosts);
    }

    public BuildReport run(Plan plan, BuildOptions options) throws InterruptedException, IOException {
        Instant started = clock.instant();
        ImageGraph graph = plan.graph();
        List<LineageRecord> records = lineage.recent();
        RunImages run = RunImages.of(plan);
        Map<String, PlannedImage> planned = run.planned();
        List<String> inRunOrder = run.inRunOrder();
        Set<String> inRun = run.inRun();
        events.accept(new BuildEvent.RunStarted(options.runId(), inRunOrder));
        Files.createDirectories(options.runDirectory().resolve("logs"));
        Map<String, ImageResult> results = new ConcurrentHashMap<>();
        Map<String, String> lookupFailures = new ConcurrentHashMap<>();
        Map<String, String> refresh = options.rebuild() ? Map.of()
                : Freshness.stale(graph, planned, inRunOrder, records, options, clock.instant());
        PushQuotas quotas = PushQuotas.of(graph, store);
        if (registry.isPresent() && options.push() && !options.rebuild()) {
            // a multi-platform image is reused only as an index of exactly its platforms (MultiPlatformBuild)
            List<String> reusable = inRunOrder.stream().filter(name -> !refresh.containsKey(name))
                    .filter(name -> planned.get(name).node().spec().platforms().size() < 2).toList();
            new RegistryReuse(registry.get(), events, clock, quotas).reuseFromRegistry(graph, planned, reusable,
                    run.neededBy(), options, RegistryReuse.knownDigests(records), results, lookupFailures);
        }
        List<String> order = inRunOrder.stream().filter(name -> !results.containsKey(name)).toList();
        if (hosts.isEmpty() && !options.rebuild()) {
            LookupPrefetch.prefetch(tools, graph, planned, order, options); // one `docker image ls`, not one inspect an image
        }
        RunDependencies waits = RunDependencies.of(graph, order);
        Map<String, Double> priority = CriticalPath.remaining(order, waits.dependants(),
                DurationEstimates.of(records, order));
        ImageBuild images = new ImageBuild(graph, plan.pins(), options, records, results, events, clock,
                new MultiPlatformBuild(store, hostPlatforms), pushing.keeping(quotas));
        ImageInRun buildOne = (name, builders, onHost) -> lookupFailures.containsKey(name)
                ? images.failedBeforeBuilding(planned.get(name), lookupFailures.get(name))
                : images.build(planned.get(name), Optional.ofNullable(run.neededBy().get(name)),
                RefreshCheck.reason(graph, name, refresh, results), builders, onHost);
        Map<String, BuildScheduler.Outcome> outcomes;
        boolean cancelled = false;
        Optional<HostBuild> onHosts = hosts.map(engines -> new HostBuild(engines, events));
        try {
            outcomes = onHosts.isPresent()
                    ? onHosts.get().run(order, waits.dependencies(), priority, graph, planned, options, results,
                    (name, onHost) -> buildOne.build(name, onHost.engine().tools(), Optional.of(onHost)))
                    : new BuildScheduler(options.slots(), options.failFast()).run(order, waits.dependencies(), priority,
                    name -> {
                        ImageResult result = buildOne.build(name, tools, Optional.empty());
                        if (Thread.currentThread().isInterrupted()) {
                            throw new InterruptedException("cancelled while finishing " + name);
                        }
                        results.put(name, result);
                        events.accept(new BuildEvent.Finished(result));
                        return result.status().isSuccess();
                    });
        } catch (InterruptedException e) {
            cancelled = true;
            outcomes = Map.of();
        }
        try {
            tools.runFinished();
        } catch (InterruptedException e) {
            cancelled = true;
        }
        List<ImageResult> report = new ArrayList<>();
        for (String name : graph.order()) {
            ImageResult result = results.get(name);
            if (result == null) {
                result = NotBuiltResults.of(planned.get(name), outcomes.get(name), inRun.contains(name));
                if (inRun.contains(name)) {
                    events.accept(new BuildEvent.Finished(result));
                }
            }
            report.add(result);
        }
        lineage.append(RunLineageRecords.of(graph, plan.pins(), report, options, clock.instant()));
        if (cancelled) {
            Thread.currentThread().interrupt();
        }
        return new BuildReport(options.runId(), started, clock.instant(), report, onHosts.map(HostBuild::report));
    }
}
