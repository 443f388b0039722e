package io.imagegraph.core.build;

import java.util.OptionalLong;

/** Tells how many bytes an image's layers take in a local store, uncompressed. */
public interface ImageSize {

    /** The sum of the image's layer sizes, or empty when the store cannot say. */
    OptionalLong bytes(String image) throws InterruptedException;
}
