package io.imagegraph.core.state;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;
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

    /**
     * Appends what {@code decide} makes of the records kept now, reading and appending under one
     * exclusive lock, so that a decision such as "this digest is new" cannot be overtaken by
     * another writer between the read and the append. Returns the records appended.
     */
    List<T> appendDecided(Function<List<T>, List<T>> decide) throws IOException;

    /** Every record, oldest first; empty when nothing was ever appended. */
    List<T> read() throws IOException;

    /**
     * Replaces the records with what {@code change} makes of them, atomically with respect to
     * other writers and readers (for journals that keep only the latest state, such as when each
     * watch was last polled). Returns the records now kept.
     */
    List<T> rewrite(UnaryOperator<List<T>> change) throws IOException;
}
