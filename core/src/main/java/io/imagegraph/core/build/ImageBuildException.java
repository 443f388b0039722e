package io.imagegraph.core.build;

/**
 * A build that did not produce an image. {@link #isTransient()} says whether trying again may
 * help (the daemon was unreachable, a connection dropped), as opposed to a broken Dockerfile.
 */
public final class ImageBuildException extends Exception {

    private final boolean transientFailure;

    public ImageBuildException(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
