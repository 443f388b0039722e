package io.imagegraph.core.ref;

/** A string that was meant to be an image reference, repository name or digest, and is not. */
public final class InvalidReferenceException extends IllegalArgumentException {

    private final String input;

    InvalidReferenceException(String input, String why) {
        super("'" + input + "' is not a valid " + why);
        this.input = input;
    }

    /** The text that failed to parse, exactly as given. */
    public String input() {
        return input;
    }
}
