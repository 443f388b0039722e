package io.imagegraph.core.state;

import java.util.List;

/**
 * What of a journal's records is kept to answer its everyday questions ("the newest record of each
 * input digest"), so that they are answered in time independent of how long the history is. A
 * compaction must be incremental: compacting what an earlier compaction kept together with the
 * records added since gives what compacting the whole journal would ({@code compact(compact([], a), b)
 * equals compact([], a + b)}); keeping "the newest of each key" or "the last N of each key" is.
 *
 * @param <T> the record type
 */
@FunctionalInterface
public interface Compaction<T> {

    /** The records to keep, oldest first, from those kept so far and those added since, both oldest first. */
    List<T> compact(List<T> kept, List<T> added);
}
