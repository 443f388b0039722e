package io.imagegraph.core.build;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.plan.PlannedImage;
import io.imagegraph.core.ref.TargetPlatform;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * An image of a run built for several platforms: one build a platform, pushed, then an OCI image
 * index in the registry ({@link MultiPlatformBuild}), or an index of exactly its platforms reused
 * from there; its result names the index digest.
 */
final class IndexImageBuild {

    private final MultiPlatformBuild platformBuild;
    private final BuildEventSink events;
    private final Clock clock;

    IndexImageBuild(MultiPlatformBuild platformBuild, BuildEventSink events, Clock clock) {
        this.platformBuild = platformBuild;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @param builtReason why it is built, when it is (asked after the build)
     * @param why         what ends each sentence about it ("needed by …", "on build host …")
     */
    ImageResult build(ImageGraph graph, PlannedImage image, BuildJob job, List<TargetPlatform> platforms, BuildTool tool,
                      Map<String, ImageResult> done, BuildOptions options, boolean reuse, ImageRefs refs,
                      Instant start, Path logFile, Supplier<String> builtReason, String why)
            throws IOException, InterruptedException {
        String name = image.name();
        Map<String, String> parentDigests = new TreeMap<>();
        for (String parent : graph.node(name).parents()) {
            done.get(parent).digest().ifPresent(digest -> parentDigests.put(parent,
                    ImageNames.repository(graph, options.registry(), parent) + "@" + digest));
        }
        events.accept(new BuildEvent.Started(name, 1, "building for " + platforms.stream()
                .map(Object::toString).collect(Collectors.joining(", ")) + why));
        MultiPlatformBuild.Outcome outcome;
        try (OutputStream log = ImageLog.open(logFile, name, events)) {
            outcome = platformBuild.build(job, platforms, tool, ImageNames.path(graph, name), refs.inputRef(),
                    ImageNames.inputTag(image.inputDigest()), RunTags.of(image, options), parentDigests, options.push(),
                    reuse, log);
        } catch (ImageBuildException e) {
            return FailedResults.of(image, Duration.between(start, clock.instant()), logFile, e.getMessage(), 1);
        }
        String reason = outcome.reused() ? "the registry has an index of the same platforms with the same input digest: "
                + refs.inputRef() : builtReason.get();
        return new ImageResult(name, outcome.reused() ? ImageStatus.REUSED : ImageStatus.BUILT,
                outcome.reused() ? Optional.empty() : Optional.of(outcome.hostImage()),
                Optional.of(outcome.index().toString()), refs.all(), image.inputDigest().toString(),
                Duration.between(start, clock.instant()), Optional.of(logFile.toString()), reason + why,
                outcome.reused() ? 0 : 1);
    }
}
