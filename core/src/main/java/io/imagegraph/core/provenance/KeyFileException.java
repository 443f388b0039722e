package io.imagegraph.core.provenance;

/** A signing or verification key file that cannot be used; the message names the file and why. */
public final class KeyFileException extends Exception {

    public KeyFileException(String message) {
        super(message);
    }
}
