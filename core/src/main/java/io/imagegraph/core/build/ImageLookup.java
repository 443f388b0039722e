package io.imagegraph.core.build;

import java.util.Optional;

/** Finds an image that already exists, so that it is reused instead of built again. */
public interface ImageLookup {

    /** The ID of the image a reference names, or empty when there is none. */
    Optional<String> find(String reference) throws ImageBuildException, InterruptedException;

    /** Adds a tag to an existing image (used when an image is reused under this run's tags). */
    void tag(String imageId, String reference) throws ImageBuildException, InterruptedException;
}
