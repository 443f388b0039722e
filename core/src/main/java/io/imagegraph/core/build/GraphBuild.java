package io.imagegraph.core.build;

import io.imagegraph.core.graph.ExternalBase;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.lineage.DurationEstimates;
import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.upstream.UpstreamPins;
import io.imagegraph.core.lineage.LineageStore;
import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.plan.PlannedImage;
import io.imagegraph.core.process.LineOutput;
import io.imagegraph.core.process.TeeOutputStream;
import io.imagegraph.core.registry.ManifestStore;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds a plan: the images to build and every ancestor they need, in dependency order on N
 * slots, critical path first. An image whose input digest is already tagged is reused (tagged for
 * this run) instead of built, unless {@link BuildOptions#rebuild()}; a built image's parents are
 * pinned to the exact images this run built or reused.
 */
public final class GraphBuild {

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
        Map<String, PlannedImage> planned = new LinkedHashMap<>();
        plan.images().forEach(image -> planned.put(image.name(), image));
        Map<String, String> neededBy = new LinkedHashMap<>();
        for (String name : plan.toBuild()) {
            for (String ancestor : graph.ancestors(name)) {
                if (!planned.get(ancestor).toBuild()) {
                    neededBy.putIfAbsent(ancestor, name);
                }
            }
        }
        List<String> inRunOrder = graph.order().stream()
                .filter(name -> planned.get(name).toBuild() || neededBy.containsKey(name)).toList();
        Set<String> inRun = Set.copyOf(inRunOrder);
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
            new RegistryReuse(registry.get(), events, clock, quotas).reuseFromRegistry(graph, planned, reusable, neededBy, options,
                    RegistryReuse.knownDigests(records), results, lookupFailures);
        }
        List<String> order = inRunOrder.stream().filter(name -> !results.containsKey(name)).toList();
        if (hosts.isEmpty() && !options.rebuild()) {
            LookupPrefetch.prefetch(tools, graph, planned, order, options); // one `docker image ls`, not one inspect an image
        }
        Set<String> toRun = Set.copyOf(order);
        Map<String, Set<String>> dependencies = new HashMap<>();
        Map<String, Set<String>> dependants = new HashMap<>();
        for (String name : order) {
            Set<String> parents = new java.util.TreeSet<>(graph.node(name).parents());
            parents.retainAll(toRun);
            dependencies.put(name, parents);
            parents.forEach(parent -> dependants.computeIfAbsent(parent, k -> new java.util.TreeSet<>()).add(name));
        }
        Map<String, Double> priority = CriticalPath.remaining(order, dependants,
                DurationEstimates.of(records, order));
        BuildScheduler scheduler = new BuildScheduler(options.slots(), options.failFast());
        MultiPlatformBuild platformBuild = new MultiPlatformBuild(store, hostPlatforms);
        ImagePushing runPushing = pushing.keeping(quotas);
        Map<String, BuildScheduler.Outcome> outcomes;
        boolean cancelled = false;
        Optional<HostBuild> onHosts = hosts.map(engines -> new HostBuild(engines, events));
        try {
            outcomes = onHosts.isPresent() ? onHosts.get().run(order, dependencies, priority, graph, planned, options,
                    results, (name, engine, transfer) -> lookupFailures.containsKey(name)
                            ? failed(planned.get(name), clock.instant(), options.logFile(name), lookupFailures.get(name), 0)
                            : buildOne(graph, plan.pins(), planned.get(name), neededBy.get(name), results, options,
                            records, RefreshCheck.reason(graph, name, refresh, results), engine.tools(),
                            Optional.of(new HostBuild.OnHost(engine, transfer)), platformBuild, runPushing))
                    : scheduler.run(order, dependencies, priority, name -> {
                ImageResult result = lookupFailures.containsKey(name)
                        ? failed(planned.get(name), clock.instant(), options.logFile(name), lookupFailures.get(name), 0)
                        : buildOne(graph, plan.pins(), planned.get(name), neededBy.get(name), results, options,
                        records, RefreshCheck.reason(graph, name, refresh, results), tools, Optional.empty(),
                        platformBuild, runPushing);
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
            PlannedImage image = planned.get(name);
            ImageResult result = results.get(name);
            if (result == null) {
                result = NotBuiltResults.of(image, outcomes.get(name), inRun.contains(name));
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

    private ImageResult buildOne(ImageGraph graph, UpstreamPins pins, PlannedImage image, String neededBy,
                                 Map<String, ImageResult> done, BuildOptions options, List<LineageRecord> records,
                                 Optional<String> refreshed, BuildTools tools, Optional<HostBuild.OnHost> onHost,
                                 MultiPlatformBuild platformBuild, ImagePushing pushing) throws InterruptedException {
        String name = image.name();
        List<io.imagegraph.core.ref.TargetPlatform> platforms = io.imagegraph.core.ref.TargetPlatform.parseAll(
                image.node().spec().platforms());
        Instant start = clock.instant();
        String repository = ImageNames.repository(graph, options.registry(), name);
        String inputRef = repository + ":" + ImageNames.inputTag(image.inputDigest());
        List<String> runRefs = runTags(image, options).stream().map(tag -> repository + ":" + tag).toList();
        List<String> allRefs = new ArrayList<>();
        allRefs.add(inputRef);
        allRefs.addAll(runRefs);
        String why = (neededBy == null ? "" : " (needed by " + neededBy + ")")
                + onHost.map(host -> " on build host " + host.engine().name()).orElse("");
        Path logFile = options.logFile(name);
        Optional<BuildTool> tool = tools.forKind(image.node().spec().builder());
        if (tool.isEmpty()) {
            return failed(image, start, logFile, "this run has no '" + image.node().spec().builder()
                    + "' builder; the imagegraph command builds with docker, buildah, loci and script", 0);
        }
        ImageLookup lookup = tool.get().lookup();
        ImageBuilder builder = tool.get().builder();
        try {
            for (String parent : graph.node(name).parents()) {
                String parentStore = tools.forKind(graph.node(parent).spec().builder()).map(BuildTool::store).orElse("?");
                if (!parentStore.equals(tool.get().store())) {
                    throw new ImageBuildException("it is built with " + image.node().spec().builder() + " (into the "
                            + tool.get().store() + " image store) but its parent " + parent + " is built into the "
                            + parentStore + " store, which " + image.node().spec().builder()
                            + " cannot read; give both the same builder", false);
                }
            }
            Optional<String> before = Optional.empty();
            if (refreshed.isPresent()) {
                before = lookup.find(inputRef);
            }
            if (!options.rebuild() && refreshed.isEmpty() && platforms.size() < 2) {
                events.accept(new BuildEvent.Started(name, 1, "looking up " + inputRef));
                Optional<String> existing = lookup.find(inputRef);
                String found = inputRef;
                String localRef = ImageNames.path(graph, name) + ":" + ImageNames.inputTag(image.inputDigest());
                if (existing.isEmpty() && !localRef.equals(inputRef)) {
                    // built before without a registry: the same image, under its name in the local store
                    existing = lookup.find(localRef);
                    found = localRef;
                }
                if (existing.isPresent()) {
                    if (!found.equals(inputRef)) {
                        lookup.tag(existing.get(), inputRef);
                    }
                    for (String ref : runRefs) {
                        lookup.tag(existing.get(), ref);
                    }
                    Optional<String> digest = pushing.push(tool.get(), existing.get(), done, graph, image, allRefs,
                            options, logFile);
                    return new ImageResult(name, ImageStatus.REUSED, existing, digest, allRefs,
                            image.inputDigest().toString(),
                            Duration.between(start, clock.instant()),
                            Files.exists(logFile) ? Optional.of(logFile.toString()) : Optional.empty(),
                            "an image with the same input digest exists: " + found
                                    + (options.push() ? " (pushed, not built)" : "") + why, 0);
                }
            }
            Map<String, String> pinned = new TreeMap<>();
            Map<String, String> references = new TreeMap<>();
            Map<String, String> baseDigests = new TreeMap<>();
            for (String parent : graph.node(name).parents()) {
                ImageResult parentResult = done.get(parent);
                if (parentResult == null || parentResult.identity().isEmpty()) {
                    throw new ImageBuildException("its parent " + parent + " has no image in this run", false);
                }
                pinned.put(parent, onHost.isPresent() ? onHost.get().transfer().pin(name, parent, onHost.get().engine(),
                        parentResult.digest().map(digest -> ImageNames.repository(graph, options.registry(), parent) + "@"
                                + digest), () -> pin(graph, parent, parentResult, lookup, options))
                        : pin(graph, parent, parentResult, lookup, options));
                references.put(parent, ImageNames.repository(graph, options.registry(), parent) + ":"
                        + ImageNames.inputTag(io.imagegraph.core.ref.Digest.of(parentResult.inputDigest())));
                baseDigests.put(parent, parentResult.identity().get());
            }
            Map<ExternalBase, String> pinnedBases = new java.util.LinkedHashMap<>();
            for (ExternalBase base : graph.node(name).externalBases()) {
                pins.pin(base.ref()).ifPresent(ref -> pinnedBases.put(base, ref.toString()));
            }
            BuildJob job = new BuildJob(graph.node(name), graph.root(), pinned,
                    LineageLabels.of(graph, pins, image, baseDigests, options, clock), allRefs,
                    options.workDirectory(name), pinnedBases,
                    options.network().map(image.node().spec().build()::withNetwork).orElse(image.node().spec().build()),
                    refreshed.isPresent(), references);
            if (platforms.size() > 1) {
                return buildPlatforms(graph, image, job, platforms, platformBuild, tool.get(), done, options, records,
                        refreshed, start, logFile, inputRef, allRefs, why);
            }
            if (platforms.size() == 1) {
                job = platformBuild.single(job, platforms.get(0));
            }
            int attempt = 0;
            String id = null;
            while (id == null) {
                attempt++;
                events.accept(new BuildEvent.Started(name, attempt, "building" + why));
                try (OutputStream log = Files.newOutputStream(logFile);
                     LineOutput lines = new LineOutput(line -> events.accept(new BuildEvent.Output(name, line)));
                     OutputStream both = new TeeOutputStream(log, lines)) {
                    id = builder.build(job, both);
                } catch (ImageBuildException e) {
                    if (!e.isTransient() || attempt > options.retries()) {
                        return failed(image, start, logFile, e.getMessage(), attempt);
                    }
                    long delay = options.retryBackoff().toMillis() << (attempt - 1);
                    events.accept(new BuildEvent.Retrying(name, attempt, e.getMessage(), delay));
                    Thread.sleep(delay);
                }
            }
            if (before.isPresent() && RefreshCheck.sameLayers(lookup, before.get(), id)) {
                // the refresh changed no layer: the tags go back to the image built before
                for (String ref : allRefs) {
                    lookup.tag(before.get(), ref);
                }
                Optional<String> digest = pushing.push(tool.get(), before.get(), done, graph, image, allRefs, options,
                        logFile);
                return new ImageResult(name, ImageStatus.UNCHANGED, before, digest, allRefs, image.inputDigest().toString(),
                        Duration.between(start, clock.instant()), Optional.of(logFile.toString()),
                        "unchanged: refreshed (" + refreshed.get() + ") with the same layers as " + before.get()
                                + ", which keeps its tags" + why, attempt);
            }
            Optional<String> digest;
            try {
                digest = pushing.push(tool.get(), id, done, graph, image, allRefs, options, logFile);
            } catch (ImageBuildException e) {
                return failed(image, start, logFile, "built " + id + " but " + e.getMessage(), attempt);
            }
            return new ImageResult(name, ImageStatus.BUILT, Optional.of(id), digest, allRefs,
                    image.inputDigest().toString(),
                    Duration.between(start, clock.instant()), Optional.of(logFile.toString()),
                    refreshed.map(reason -> "built: " + reason).orElseGet(() -> BuildReasons.built(graph, image, done,
                            options, records)) + why, attempt);
        } catch (ImageBuildException e) {
            return failed(image, start, logFile, e.getMessage(), 0);
        } catch (IOException e) {
            return failed(image, start, logFile, "cannot write its log " + logFile + ": " + e.getMessage(), 0);
        }
    }

    /** Builds an image for several platforms into an index in the registry ({@link MultiPlatformBuild}). */
    private ImageResult buildPlatforms(ImageGraph graph, PlannedImage image, BuildJob job,
                                       List<io.imagegraph.core.ref.TargetPlatform> platforms,
                                       MultiPlatformBuild platformBuild, BuildTool tool, Map<String, ImageResult> done,
                                       BuildOptions options, List<LineageRecord> records, Optional<String> refreshed,
                                       Instant start, Path logFile, String inputRef, List<String> allRefs, String why)
            throws IOException, InterruptedException {
        String name = image.name();
        Map<String, String> parentDigests = new TreeMap<>();
        for (String parent : graph.node(name).parents()) {
            done.get(parent).digest().ifPresent(digest -> parentDigests.put(parent,
                    ImageNames.repository(graph, options.registry(), parent) + "@" + digest));
        }
        events.accept(new BuildEvent.Started(name, 1, "building for " + platforms.stream()
                .map(Object::toString).collect(java.util.stream.Collectors.joining(", ")) + why));
        MultiPlatformBuild.Outcome outcome;
        try (OutputStream log = Files.newOutputStream(logFile);
             LineOutput lines = new LineOutput(line -> events.accept(new BuildEvent.Output(name, line)));
             OutputStream both = new TeeOutputStream(log, lines)) {
            outcome = platformBuild.build(job, platforms, tool, ImageNames.path(graph, name), inputRef,
                    ImageNames.inputTag(image.inputDigest()), runTags(image, options), parentDigests, options.push(),
                    !options.rebuild() && refreshed.isEmpty(), both);
        } catch (ImageBuildException e) {
            return failed(image, start, logFile, e.getMessage(), 1);
        }
        String reason = outcome.reused() ? "the registry has an index of the same platforms with the same input digest: "
                + inputRef : refreshed.map(r -> "built: " + r).orElseGet(() -> BuildReasons.built(graph, image, done,
                options, records));
        return new ImageResult(name, outcome.reused() ? ImageStatus.REUSED : ImageStatus.BUILT,
                outcome.reused() ? Optional.empty() : Optional.of(outcome.hostImage()),
                Optional.of(outcome.index().toString()), allRefs, image.inputDigest().toString(),
                Duration.between(start, clock.instant()), Optional.of(logFile.toString()), reason + why,
                outcome.reused() ? 0 : 1);
    }

    /**
     * What a child builds from for a parent: its image ID in the local store when it is there,
     * else its digest reference in the registry, which the builder pulls.
     */
    private static String pin(ImageGraph graph, String parent, ImageResult result, ImageLookup lookup,
                              BuildOptions options) throws ImageBuildException, InterruptedException {
        if (result.imageId().isPresent()) {
            return result.imageId().get();
        }
        String repository = ImageNames.repository(graph, options.registry(), parent);
        Optional<String> local = lookup.find(repository + ":" + ImageNames.inputTag(
                io.imagegraph.core.ref.Digest.of(result.inputDigest())));
        return local.orElseGet(() -> repository + "@" + result.digest().orElseThrow());
    }

    private ImageResult failed(PlannedImage image, Instant start, Path logFile, String reason, int attempts) {
        return new ImageResult(image.name(), ImageStatus.FAILED, Optional.empty(), Optional.empty(), List.of(),
                image.inputDigest().toString(), Duration.between(start, clock.instant()),
                Files.exists(logFile) ? Optional.of(logFile.toString()) : Optional.empty(), reason, attempts);
    }

    static List<String> runTags(PlannedImage image, BuildOptions options) {
        if (!options.runTags().isEmpty()) {
            return options.runTags();
        }
        List<String> own = image.node().spec().tags();
        return own.isEmpty() ? List.of("test") : own;
    }
}
