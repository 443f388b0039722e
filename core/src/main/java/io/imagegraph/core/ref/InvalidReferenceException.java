package io.imagegraph.core.ref;

/** A string that was meant to be an image reference, repository name or digest, and is not. */
public final class InvalidReferenceException extends IllegalArgumentException {

    private final String input;

    InvalidReferenceException(String input, String why) {
        this(input, why, true);
    }

    private InvalidReferenceException(String input, String text, boolean prefixed) {
        super(prefixed ? "'" + input + "' is not a valid " + text : text);
        this.input = input;
    }

    /** An exception whose message is the given sentence as it stands. */
    static InvalidReferenceException saying(String input, String sentence) {
        return new InvalidReferenceException(input, sentence, false);
    }

    /** The text that failed to parse, exactly as given. */
    public String input() {
        return input;
    }
}
