package io.imagegraph.core.build;

import io.imagegraph.core.graph.ExternalBase;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.plan.PlannedImage;
import io.imagegraph.core.ref.TargetPlatform;
import io.imagegraph.core.upstream.UpstreamPins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One image of a {@link GraphBuild} run: reused when the builder's store has its input digest,
 * else built on its parents as this run made them ({@link ParentPins}), retried when the failure
 * is transient ({@link BuildAttempts}), and pushed; a refresh that changed no layer keeps the
 * image built before. Every outcome is a result, never an exception.
 */
final class ImageBuild {

    private final ImageGraph graph;
    private final UpstreamPins pins;
    private final BuildOptions options;
    private final List<LineageRecord> records;
    private final Map<String, ImageResult> done;
    private final BuildEventSink events;
    private final Clock clock;
    private final MultiPlatformBuild platformBuild;
    private final ImagePushing pushing;

    /**
     * @param done the results of the run so far (each parent's, before its children build)
     */
    ImageBuild(ImageGraph graph, UpstreamPins pins, BuildOptions options, List<LineageRecord> records,
               Map<String, ImageResult> done, BuildEventSink events, Clock clock, MultiPlatformBuild platformBuild,
               ImagePushing pushing) {
        this.graph = graph;
        this.pins = pins;
        this.options = options;
        this.records = records;
        this.done = done;
        this.events = events;
        this.clock = clock;
        this.platformBuild = platformBuild;
        this.pushing = pushing;
    }

    /**
     * @param neededBy  the image of the plan it is built for, when the plan does not build it itself
     * @param refreshed why it is refreshed (built again on the same input digest), when it is
     * @param tools     the builders: the local ones or its build host's
     * @param onHost    its build host, when the run has them
     */
    ImageResult build(PlannedImage image, Optional<String> neededBy, Optional<String> refreshed, BuildTools tools,
                      Optional<HostBuild.OnHost> onHost) throws InterruptedException {
        String name = image.name();
        List<TargetPlatform> platforms = TargetPlatform.parseAll(image.node().spec().platforms());
        Instant start = clock.instant();
        ImageRefs refs = ImageRefs.of(graph, image, options);
        List<String> allRefs = refs.all();
        String why = neededBy.map(by -> " (needed by " + by + ")").orElse("")
                + onHost.map(host -> " on build host " + host.engine().name()).orElse("");
        Path logFile = options.logFile(name);
        Optional<BuildTool> tool = tools.forKind(image.node().spec().builder());
        if (tool.isEmpty()) {
            return failed(image, start, logFile, "this run has no '" + image.node().spec().builder()
                    + "' builder; the imagegraph command builds with docker, buildah, loci and script", 0);
        }
        ImageLookup lookup = tool.get().lookup();
        try {
            ParentPins.requireSameStore(graph, name, tools, tool.get());
            Optional<String> before = Optional.empty();
            if (refreshed.isPresent()) {
                before = lookup.find(refs.inputRef());
            }
            if (!options.rebuild() && refreshed.isEmpty() && platforms.size() < 2) {
                events.accept(new BuildEvent.Started(name, 1, "looking up " + refs.inputRef()));
                Optional<LocalReuse.Found> found = LocalReuse.find(lookup, graph, image, refs);
                if (found.isPresent()) {
                    Optional<String> digest = pushing.push(tool.get(), found.get().imageId(), done, graph, image,
                            allRefs, options, logFile);
                    return new ImageResult(name, ImageStatus.REUSED, Optional.of(found.get().imageId()), digest,
                            allRefs, image.inputDigest().toString(), Duration.between(start, clock.instant()),
                            Files.exists(logFile) ? Optional.of(logFile.toString()) : Optional.empty(),
                            "an image with the same input digest exists: " + found.get().reference()
                                    + (options.push() ? " (pushed, not built)" : "") + why, 0);
                }
            }
            ParentPins parents = ParentPins.of(graph, name, done, lookup, options, onHost);
            Map<ExternalBase, String> pinnedBases = new LinkedHashMap<>();
            for (ExternalBase base : graph.node(name).externalBases()) {
                pins.pin(base.ref()).ifPresent(ref -> pinnedBases.put(base, ref.toString()));
            }
            BuildJob job = new BuildJob(graph.node(name), graph.root(), parents.pinned(),
                    LineageLabels.of(graph, pins, image, parents.baseDigests(), options, clock), allRefs,
                    options.workDirectory(name), pinnedBases,
                    options.network().map(image.node().spec().build()::withNetwork).orElse(image.node().spec().build()),
                    refreshed.isPresent(), parents.references());
            if (platforms.size() > 1) {
                return new IndexImageBuild(platformBuild, events, clock).build(graph, image, job, platforms, tool.get(),
                        done, options, !options.rebuild() && refreshed.isEmpty(), refs, start, logFile,
                        () -> builtReason(image, refreshed), why);
            }
            if (platforms.size() == 1) {
                job = platformBuild.single(job, platforms.get(0));
            }
            BuildAttempts.Outcome attempts = new BuildAttempts(events, options)
                    .build(name, tool.get().builder(), job, logFile, why, onHost);
            if (attempts.imageId().isEmpty()) {
                return failed(image, start, logFile, attempts.failure().orElseThrow(), attempts.attempts());
            }
            String id = attempts.imageId().get();
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
                                + ", which keeps its tags" + why, attempts.attempts());
            }
            Optional<String> digest;
            try {
                digest = pushing.push(tool.get(), id, done, graph, image, allRefs, options, logFile);
            } catch (ImageBuildException e) {
                return failed(image, start, logFile, "built " + id + " but " + e.getMessage(), attempts.attempts());
            }
            return new ImageResult(name, ImageStatus.BUILT, Optional.of(id), digest, allRefs,
                    image.inputDigest().toString(), Duration.between(start, clock.instant()),
                    Optional.of(logFile.toString()), builtReason(image, refreshed) + why, attempts.attempts());
        } catch (ImageBuildException e) {
            return failed(image, start, logFile, e.getMessage(), 0);
        } catch (IOException e) {
            return failed(image, start, logFile, "cannot write its log " + logFile + ": " + e.getMessage(), 0);
        }
    }

    /** An image that failed before anything was built (its parents' results missing, a look-up that failed). */
    ImageResult failedBeforeBuilding(PlannedImage image, String reason) {
        return FailedResults.of(image, Duration.ZERO, options.logFile(image.name()), reason, 0);
    }

    private String builtReason(PlannedImage image, Optional<String> refreshed) {
        return refreshed.map(reason -> "built: " + reason)
                .orElseGet(() -> BuildReasons.built(graph, image, done, options, records));
    }

    private ImageResult failed(PlannedImage image, Instant start, Path logFile, String reason, int attempts) {
        return FailedResults.of(image, Duration.between(start, clock.instant()), logFile, reason, attempts);
    }
}
