package io.imagegraph.core.state;

import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An append-only log of records: what was done is added, never rewritten, so that concurrent
 * writers cannot lose each other's records and any current state is a replay of the log.
 *
 * @param <T> the record type
 */
public interface Journal<T> {

    /** Appends records atomically with respect to other writers; nothing is written if it fails. */
    void append(List<T> records) throws IOException;

    /** Every record, oldest first; empty when nothing was ever appended. */
    List<T> read() throws IOException;

    /**
     * Replaces the records with what {@code change} makes of them, atomically with respect to
     * other writers and readers (for journals that keep only the latest state, such as when each
     * watch was last polled). Returns the records now kept.
     */
    List<T> rewrite(UnaryOperator<List<T>> change) throws IOException;
}
