package io.imagegraph.core.plan;

/** A selection that names something the graph does not have, or a pattern that does not compile. */
public final class SelectionException extends Exception {

    public SelectionException(String message) {
        super(message);
    }
}
