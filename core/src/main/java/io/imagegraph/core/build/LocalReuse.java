package io.imagegraph.core.build;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.plan.PlannedImage;
import java.util.Optional;

/**
 * Finds an image with the same input digest in the builder's own store, under the run's
 * repository or, built before without a registry, under its plain name, and gives it the run's
 * references, so that it is reused rather than built.
 */
final class LocalReuse {

    /** The image found: its ID and the reference it was found under. */
    record Found(String imageId, String reference) {
    }

    private LocalReuse() {
    }

    static Optional<Found> find(ImageLookup lookup, ImageGraph graph, PlannedImage image, ImageRefs refs)
            throws ImageBuildException, InterruptedException {
        Optional<String> existing = lookup.find(refs.inputRef());
        String found = refs.inputRef();
        String localRef = ImageNames.path(graph, image.name()) + ":" + ImageNames.inputTag(image.inputDigest());
        if (existing.isEmpty() && !localRef.equals(refs.inputRef())) {
            // built before without a registry: the same image, under its name in the local store
            existing = lookup.find(localRef);
            found = localRef;
        }
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        if (!found.equals(refs.inputRef())) {
            lookup.tag(existing.get(), refs.inputRef());
        }
        for (String ref : refs.runRefs()) {
            lookup.tag(existing.get(), ref);
        }
        return Optional.of(new Found(existing.get(), found));
    }
}
