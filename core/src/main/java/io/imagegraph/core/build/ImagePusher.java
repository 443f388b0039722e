package io.imagegraph.core.build;

import java.io.OutputStream;

/** Pushes an image from a local store to the registry its reference names. */
public interface ImagePusher {

    /**
     * Pushes {@code reference} (registry/repository:tag) with its layers.
     *
     * @param log receives the push's output
     * @throws ImageBuildException when the registry did not get the image, with the reason
     */
    void push(String reference, OutputStream log) throws ImageBuildException, InterruptedException;
}
