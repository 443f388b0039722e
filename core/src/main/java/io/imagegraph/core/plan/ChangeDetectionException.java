package io.imagegraph.core.plan;

/** The changed files could not be found (for example, git does not know the revision). */
public final class ChangeDetectionException extends Exception {

    public ChangeDetectionException(String message) {
        super(message);
    }

    public ChangeDetectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
