package io.imagegraph.core.build;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.plan.PlannedImage;
import io.imagegraph.core.process.LineOutput;
import io.imagegraph.core.process.TeeOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** How a run pushes an image it built or reused: the builder's own push, then the run's tags registry side. */
final class ImagePushing {

    private final Optional<RegistryTags> registry;
    private final BuildEventSink events;

    ImagePushing(Optional<RegistryTags> registry, BuildEventSink events) {
        this.registry = registry;
        this.events = events;
    }

    /**
     * Pushes the image, appending to its log; the first failure throws. With a registry client the
     * builder pushes the input-digest reference only (layers and manifest), then the run's tags are
     * put registry side, so they move only once the whole image is there; without one, the builder
     * pushes every reference. Returns the manifest digest when the registry was read.
     */
    Optional<String> push(ImagePusher pusher, ImageGraph graph, PlannedImage image, List<String> refs,
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
            return Optional.of(registry.get().tag(path, inputTag, found.digest(), GraphBuild.runTags(image, options)).toString());
        } catch (io.imagegraph.core.registry.RegistryException e) {
            throw new ImageBuildException(e.getMessage(), e.isRetryable());
        }
    }
}
