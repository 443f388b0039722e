package io.imagegraph.core.track;

/** A rollback that may not or cannot happen; the message says why and what to do. Nothing was moved. */
public final class RollbackRefusedException extends Exception {

    public RollbackRefusedException(String message) {
        super(message);
    }
}
