package io.imagegraph.core.build;

import io.imagegraph.core.graph.ImageGraph;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a refresh build (freshness, {@code --refresh-older-than}) changed. A refresh rebuilds an
 * image whose input digest is unchanged, so the image built before under that input digest is
 * there to compare with: when the new build has the same layers (diff IDs), the refresh changed
 * nothing, the image is {@code unchanged}, the tags stay on the image built before, and the
 * children it would have refreshed are not rebuilt for it.
 */
final class RefreshCheck {

    /** The start of the reason {@link Freshness} gives a child of a refreshed image. */
    static final String PARENT_REFRESHED = "its parent ";

    private RefreshCheck() {
    }

    /**
     * Why the image is still to be refreshed now that its parents are done: its own freshness, or
     * a refreshed parent that was really rebuilt (not {@code unchanged}); empty when neither.
     */
    static Optional<String> reason(ImageGraph graph, String name, Map<String, String> refresh, Map<String, ImageResult> done) {
        String reason = refresh.get(name);
        if (reason == null || !reason.startsWith(PARENT_REFRESHED)) {
            return Optional.ofNullable(reason);
        }
        return graph.node(name).parents().stream()
                .filter(parent -> refresh.containsKey(parent) && done.containsKey(parent)
                        && done.get(parent).status() == ImageStatus.BUILT)
                .findFirst().map(parent -> PARENT_REFRESHED + parent + " is refreshed");
    }

    /** Whether the two images have the same layers; false when either cannot be read. */
    static boolean sameLayers(ImageLookup lookup, String before, String built) throws InterruptedException {
        if (!(lookup instanceof ImageLayers layers) || before.equals(built)) {
            return before.equals(built);
        }
        Optional<List<String>> old = layers.diffIds(before);
        return old.isPresent() && !old.get().isEmpty() && old.equals(layers.diffIds(built));
    }
}
