package io.imagegraph.core.build;

import io.imagegraph.core.graph.ExternalBase;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.graph.ImageNode;
import io.imagegraph.core.graph.InternalEdge;
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

    /** How many registry look-ups run at once before the builds start. */
    private static final int REGISTRY_LOOKUPS = 8;

    private final BuildTools tools;
    private final LineageStore lineage;
    private final BuildEventSink events;
    private final Clock clock;
    private final Optional<RegistryTags> registry;

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
        this.tools = tools;
        this.lineage = lineage;
        this.events = events;
        this.clock = clock;
        this.registry = registry.map(RegistryTags::new);
    }

    public BuildReport run(Plan plan, BuildOptions options) throws InterruptedException, IOException {
        Instant started = clock.instant();
        ImageGraph graph = plan.graph();
        List<LineageRecord> records = lineage.records();
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
        if (registry.isPresent() && options.push() && !options.rebuild()) {
            reuseFromRegistry(graph, planned, inRunOrder, neededBy, options, knownDigests(records), results,
                    lookupFailures);
        }
        List<String> order = inRunOrder.stream().filter(name -> !results.containsKey(name)).toList();
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
        Map<String, BuildScheduler.Outcome> outcomes;
        boolean cancelled = false;
        try {
            outcomes = scheduler.run(order, dependencies, priority, name -> {
                ImageResult result = lookupFailures.containsKey(name)
                        ? failed(planned.get(name), clock.instant(), options.logFile(name), lookupFailures.get(name), 0)
                        : buildOne(graph, plan.pins(), planned.get(name), neededBy.get(name), results, options);
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
        List<ImageResult> report = new ArrayList<>();
        for (String name : graph.order()) {
            PlannedImage image = planned.get(name);
            ImageResult result = results.get(name);
            if (result == null) {
                result = notRun(graph, image, outcomes.get(name), inRun.contains(name));
                if (inRun.contains(name)) {
                    events.accept(new BuildEvent.Finished(result));
                }
            }
            report.add(result);
        }
        lineage.append(lineageRecords(graph, plan.pins(), report, options));
        if (cancelled) {
            Thread.currentThread().interrupt();
        }
        return new BuildReport(options.runId(), started, clock.instant(), report);
    }

    private static List<LineageRecord> lineageRecords(ImageGraph graph, UpstreamPins pins, List<ImageResult> results,
                                                      BuildOptions options) {
        Map<String, ImageResult> byName = new HashMap<>();
        results.forEach(result -> byName.put(result.name(), result));
        List<LineageRecord> records = new ArrayList<>();
        for (ImageResult result : results) {
            if (!result.status().isSuccess() || result.identity().isEmpty()) {
                continue;
            }
            ImageNode node = graph.node(result.name());
            List<LineageRecord.ParentDigest> parents = node.parents().stream()
                    .map(parent -> new LineageRecord.ParentDigest(parent,
                            byName.get(parent).identity().orElse(null)))
                    .toList();
            List<String> externals = node.externalBases().stream().map(base -> pins.resolve(base.ref()).toString())
                    .toList();
            records.add(new LineageRecord(result.name(), result.status().id(), result.identity().get(),
                    ImageNames.repository(graph, options.registry(), result.name()), result.inputDigest(), parents, externals,
                    options.sourceRevision().orElse(null), Instant.now().toString(), options.runId(),
                    result.duration().toMillis()));
        }
        return records;
    }

    private ImageResult notRun(ImageGraph graph, PlannedImage image, BuildScheduler.Outcome outcome, boolean inRun) {
        String input = image.inputDigest().toString();
        if (!inRun) {
            String reason = !image.selection().selected() ? image.selection().reason()
                    : "not affected by the changes: " + String.join("; ", image.affectedReasons().isEmpty()
                    ? List.of("nothing it depends on changed") : image.affectedReasons());
            return new ImageResult(image.name(), ImageStatus.NOT_SELECTED, Optional.empty(), Optional.empty(), List.of(), input,
                    Duration.ZERO, Optional.empty(), reason, 0);
        }
        if (outcome == BuildScheduler.Outcome.PARENT_FAILED) {
            return new ImageResult(image.name(), ImageStatus.PARENT_FAILED, Optional.empty(), Optional.empty(), List.of(), input,
                    Duration.ZERO, Optional.empty(), "not built: an image it needs failed or was not built", 0);
        }
        return new ImageResult(image.name(), ImageStatus.CANCELLED, Optional.empty(), Optional.empty(), List.of(), input,
                Duration.ZERO,
                Optional.empty(), "not built: the run was cancelled before it finished", 0);
    }

    private ImageResult buildOne(ImageGraph graph, UpstreamPins pins, PlannedImage image, String neededBy, Map<String, ImageResult> done,
                                 BuildOptions options) throws InterruptedException {
        String name = image.name();
        Instant start = clock.instant();
        String repository = ImageNames.repository(graph, options.registry(), name);
        String inputRef = repository + ":" + ImageNames.inputTag(image.inputDigest());
        List<String> runRefs = runTags(image, options).stream().map(tag -> repository + ":" + tag).toList();
        List<String> allRefs = new ArrayList<>();
        allRefs.add(inputRef);
        allRefs.addAll(runRefs);
        String why = neededBy == null ? "" : " (needed by " + neededBy + ")";
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
            if (!options.rebuild()) {
                events.accept(new BuildEvent.Started(name, 1, "looking up " + inputRef));
                Optional<String> existing = lookup.find(inputRef);
                if (existing.isPresent()) {
                    for (String ref : runRefs) {
                        lookup.tag(existing.get(), ref);
                    }
                    Optional<String> digest = push(tool.get().pusher(), graph, image, allRefs, options, logFile);
                    return new ImageResult(name, ImageStatus.REUSED, existing, digest, allRefs,
                            image.inputDigest().toString(),
                            Duration.between(start, clock.instant()),
                            Files.exists(logFile) ? Optional.of(logFile.toString()) : Optional.empty(),
                            "an image with the same input digest exists: " + inputRef + why, 0);
                }
            }
            Map<String, String> pinned = new TreeMap<>();
            Map<String, String> baseDigests = new TreeMap<>();
            for (String parent : graph.node(name).parents()) {
                ImageResult parentResult = done.get(parent);
                if (parentResult == null || parentResult.identity().isEmpty()) {
                    throw new ImageBuildException("its parent " + parent + " has no image in this run", false);
                }
                pinned.put(parent, pin(graph, parent, parentResult, lookup, options));
                baseDigests.put(parent, parentResult.identity().get());
            }
            Map<ExternalBase, String> pinnedBases = new java.util.LinkedHashMap<>();
            for (ExternalBase base : graph.node(name).externalBases()) {
                pins.pin(base.ref()).ifPresent(ref -> pinnedBases.put(base, ref.toString()));
            }
            BuildJob job = new BuildJob(graph.node(name), graph.root(), pinned,
                    labels(graph, pins, image, baseDigests, options), allRefs, options.workDirectory(name), pinnedBases);
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
            Optional<String> digest;
            try {
                digest = push(tool.get().pusher(), graph, image, allRefs, options, logFile);
            } catch (ImageBuildException e) {
                return failed(image, start, logFile, "built " + id + " but " + e.getMessage(), attempt);
            }
            return new ImageResult(name, ImageStatus.BUILT, Optional.of(id), digest, allRefs,
                    image.inputDigest().toString(),
                    Duration.between(start, clock.instant()), Optional.of(logFile.toString()), "built" + why, attempt);
        } catch (ImageBuildException e) {
            return failed(image, start, logFile, e.getMessage(), 0);
        } catch (IOException e) {
            return failed(image, start, logFile, "cannot write its log " + logFile + ": " + e.getMessage(), 0);
        }
    }

    /**
     * Pushes the image, appending to its log; the first failure throws. With a registry client the
     * builder pushes the input-digest reference only (layers and manifest), then the run's tags are
     * put registry side, so they move only once the whole image is there; without one, the builder
     * pushes every reference. Returns the manifest digest when the registry was read.
     */
    private Optional<String> push(ImagePusher pusher, ImageGraph graph, PlannedImage image, List<String> refs,
                                  BuildOptions options, Path logFile) throws ImageBuildException, InterruptedException {
        if (!options.push()) {
            return Optional.empty();
        }
        String name = image.name();
        List<String> pushed = registry.isPresent() ? refs.subList(0, 1) : refs;
        try (OutputStream log = Files.newOutputStream(logFile, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
             LineOutput lines = new LineOutput(line -> events.accept(new BuildEvent.Output(name, line)));
             OutputStream both = new TeeOutputStream(log, lines)) {
            for (String ref : pushed) {
                events.accept(new BuildEvent.Started(name, 1, "pushing " + ref));
                pusher.push(ref, both);
            }
        } catch (IOException e) {
            throw new ImageBuildException("cannot write its log " + logFile + ": " + e.getMessage(), false);
        }
        if (registry.isEmpty()) {
            return Optional.empty();
        }
        io.imagegraph.core.ref.RepositoryName path = ImageNames.path(graph, name);
        String inputTag = ImageNames.inputTag(image.inputDigest());
        try {
            io.imagegraph.core.registry.ManifestDescriptor found = registry.get().find(path, inputTag)
                    .orElseThrow(() -> new ImageBuildException("the registry does not show " + refs.get(0)
                            + " after the push", true));
            return Optional.of(registry.get().tag(path, inputTag, found.digest(), runTags(image, options)).toString());
        } catch (io.imagegraph.core.registry.RegistryException e) {
            throw new ImageBuildException(e.getMessage(), e.isRetryable());
        }
    }

    /**
     * Looks every image of the run up in the registry by its input-digest tag, several at a time;
     * each one found is reused and gets the run's tags registry side. A look-up that fails is kept
     * and fails that image when the scheduler reaches it, so that its descendants are not built.
     */
    private void reuseFromRegistry(ImageGraph graph, Map<String, PlannedImage> planned, List<String> names,
                                   Map<String, String> neededBy, BuildOptions options,
                                   Map<String, Set<io.imagegraph.core.ref.Digest>> known,
                                   Map<String, ImageResult> results, Map<String, String> failures)
            throws InterruptedException {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.min(REGISTRY_LOOKUPS, Math.max(1, names.size())));
        try {
            List<java.util.concurrent.Future<?>> pending = new ArrayList<>();
            for (String name : names) {
                pending.add(pool.submit(() -> {
                    reuseOne(graph, planned.get(name), neededBy.get(name), options, known, results, failures);
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> future : pending) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("registry look-up failed unexpectedly", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void reuseOne(ImageGraph graph, PlannedImage image, String neededBy, BuildOptions options,
                          Map<String, Set<io.imagegraph.core.ref.Digest>> known, Map<String, ImageResult> results,
                          Map<String, String> failures) throws InterruptedException {
        String name = image.name();
        Instant start = clock.instant();
        io.imagegraph.core.ref.RepositoryName path = ImageNames.path(graph, name);
        String repository = ImageNames.repository(graph, options.registry(), name);
        String inputTag = ImageNames.inputTag(image.inputDigest());
        try {
            List<String> tags = runTags(image, options);
            Optional<io.imagegraph.core.ref.Digest> found = registry.get().reuse(path, inputTag, tags,
                    known.getOrDefault(repository + " " + image.inputDigest(), Set.of()));
            if (found.isEmpty()) {
                return;
            }
            List<String> refs = new ArrayList<>();
            refs.add(repository + ":" + inputTag);
            tags.forEach(tag -> refs.add(repository + ":" + tag));
            ImageResult result = new ImageResult(name, ImageStatus.REUSED, Optional.empty(),
                    Optional.of(found.get().toString()), refs, image.inputDigest().toString(),
                    Duration.between(start, clock.instant()), Optional.empty(), "the registry has an image with the"
                    + " same input digest: " + repository + ":" + inputTag
                    + (neededBy == null ? "" : " (needed by " + neededBy + ")"), 0);
            results.put(name, result);
            events.accept(new BuildEvent.Finished(result));
        } catch (io.imagegraph.core.registry.RegistryException e) {
            failures.put(name, e.getMessage());
        }
    }

    /**
     * Manifest digests that earlier runs recorded, by "repository input-digest": what was built
     * from those inputs and pushed there. Image IDs (runs without a registry) are left out.
     */
    private static Map<String, Set<io.imagegraph.core.ref.Digest>> knownDigests(List<LineageRecord> records) {
        Map<String, Set<io.imagegraph.core.ref.Digest>> known = new HashMap<>();
        for (LineageRecord record : records) {
            if (record.repository() == null || record.inputDigest() == null || record.digest() == null) {
                continue;
            }
            try {
                known.computeIfAbsent(record.repository() + " " + record.inputDigest(), key -> new java.util.HashSet<>())
                        .add(io.imagegraph.core.ref.Digest.of(record.digest()));
            } catch (RuntimeException e) {
                // not a digest: a record from an older or hand-edited store; it only costs a look-up
            }
        }
        return known;
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

    private static List<String> runTags(PlannedImage image, BuildOptions options) {
        if (!options.runTags().isEmpty()) {
            return options.runTags();
        }
        List<String> own = image.node().spec().tags();
        return own.isEmpty() ? List.of("test") : own;
    }

    private java.util.SortedMap<String, String> labels(ImageGraph graph, UpstreamPins pins, PlannedImage image,
                                                       Map<String, String> baseDigests, BuildOptions options) {
        java.util.SortedMap<String, String> labels = new TreeMap<>();
        labels.put("org.opencontainers.image.title", image.name());
        labels.put("org.opencontainers.image.created", clock.instant().toString());
        options.sourceRevision().ifPresent(revision -> labels.put("org.opencontainers.image.revision", revision));
        options.sourceUrl().ifPresent(url -> labels.put("org.opencontainers.image.source", url));
        finalBase(image.node()).ifPresent(base -> {
            if (base instanceof InternalEdge edge) {
                labels.put("org.opencontainers.image.base.name",
                        ImageNames.repository(graph, options.registry(), edge.parent()));
                labels.put("org.opencontainers.image.base.digest", baseDigests.get(edge.parent()));
            } else if (base instanceof ExternalBase external) {
                labels.put("org.opencontainers.image.base.name", external.ref().name()
                        + external.ref().tag().map(tag -> ":" + tag).orElse(""));
                pins.resolve(external.ref()).digest()
                        .ifPresent(d -> labels.put("org.opencontainers.image.base.digest", d.toString()));
            }
        });
        labels.put("io.imagegraph.input-digest", image.inputDigest().toString());
        labels.put("io.imagegraph.run", options.runId());
        return labels;
    }

    /** The base of the final stage: the FROM (internal edge or external base) on the highest line. */
    private static Optional<Object> finalBase(ImageNode node) {
        Object best = null;
        int bestLine = -1;
        for (InternalEdge edge : node.parentEdges()) {
            if (edge.source().endsWith("(FROM)") && edge.line() > bestLine) {
                best = edge;
                bestLine = edge.line();
            }
        }
        for (ExternalBase base : node.externalBases()) {
            if (base.via() == io.imagegraph.core.dockerfile.ImageDependency.Via.FROM && base.line() > bestLine) {
                best = base;
                bestLine = base.line();
            }
        }
        return Optional.ofNullable(best);
    }
}
