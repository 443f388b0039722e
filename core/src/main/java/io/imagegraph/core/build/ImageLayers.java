package io.imagegraph.core.build;

import java.util.List;
import java.util.Optional;

/** Reads an image's layers as diff IDs (the digests of the uncompressed layers), oldest first. */
public interface ImageLayers {

    /** The image's diff IDs, or empty when the store cannot say. */
    Optional<List<String>> diffIds(String image) throws InterruptedException;
}
