package io.imagegraph.core.build;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.plan.PlannedImage;
import io.imagegraph.core.process.LineOutput;
import io.imagegraph.core.process.TeeOutputStream;
import io.imagegraph.core.quota.QuotaGuard;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How a run pushes an image it built or reused: the builder's own push, then the run's tags registry side. */
final class ImagePushing {

    private final Optional<RegistryTags> registry;
    private final BuildEventSink events;
    private final Optional<PushQuotas> quotas;

    ImagePushing(Optional<RegistryTags> registry, BuildEventSink events) {
        this(registry, events, Optional.empty());
    }

    private ImagePushing(Optional<RegistryTags> registry, BuildEventSink events, Optional<PushQuotas> quotas) {
        this.registry = registry;
        this.events = events;
        this.quotas = quotas;
    }

    /** The same pushing, refusing before it starts a push that would take a namespace or repository over its quota. */
    ImagePushing keeping(PushQuotas pushQuotas) {
        return new ImagePushing(registry, events, Optional.of(pushQuotas));
    }

    /**
     * Pushes the image, appending to its log; the first failure throws. With a registry client the
     * builder pushes the input-digest reference only (layers and manifest), then the run's tags are
     * put registry side, so they move only once the whole image is there; without one, the builder
     * pushes every reference. Returns the manifest digest when the registry was read. Under
     * quotas, {@code localImage} (with its parents, {@code done}) is measured first and a push that
     * would take a quota over its limit is refused before anything is sent ({@link PushQuotas}).
     */
    Optional<String> push(BuildTool tool, String localImage, Map<String, ImageResult> done, ImageGraph graph,
                          PlannedImage image, List<String> refs, BuildOptions options, Path logFile)
            throws ImageBuildException, InterruptedException {
        if (!options.push()) {
            return Optional.empty();
        }
        Optional<QuotaGuard.Addition> admitted = quotas.isPresent()
                ? quotas.get().admit(graph, image, localImage, tool, refs, done, options) : Optional.empty();
        try {
            return pushAdmitted(tool.pusher(), graph, image, refs, options, logFile);
        } finally {
            admitted.ifPresent(addition -> quotas.get().landed(addition));
        }
    }

    private Optional<String> pushAdmitted(ImagePusher pusher, ImageGraph graph, PlannedImage image, List<String> refs,
                                          BuildOptions options, Path logFile)
            throws ImageBuildException, InterruptedException {
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
            return Optional.of(registry.get().tag(path, inputTag, found.digest(), RunTags.of(image, options)).toString());
        } catch (io.imagegraph.core.registry.RegistryException e) {
            throw new ImageBuildException(e.getMessage(), e.isRetryable());
        }
    }
}
