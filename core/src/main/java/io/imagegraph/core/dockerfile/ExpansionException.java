package io.imagegraph.core.dockerfile;

/** A word that BuildKit's shell lexer refuses, such as {@code ${name:imageVariant}}; the message says why. */
final class ExpansionException extends Exception {

    ExpansionException(String message) {
        super(message);
    }
}
