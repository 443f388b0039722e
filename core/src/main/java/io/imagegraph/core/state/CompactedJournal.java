package io.imagegraph.core.state;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * A journal read through its {@link Compaction}: records are appended to the whole journal as
 * before (append-only, nothing lost), and the everyday questions read only what the compaction
 * keeps.
 *
 * @param <T> the record type
 */
public interface CompactedJournal<T> {

    /** Appends records to the journal, atomically with respect to other writers. */
    void append(List<T> records) throws IOException;

    /**
     * Appends what {@code decide} makes of the compacted records, reading and appending under one
     * exclusive lock (see {@link Journal#appendDecided}). Returns the records appended.
     */
    List<T> appendDecided(Function<List<T>, List<T>> decide) throws IOException;

    /** What the compaction keeps of every record appended so far, oldest first. */
    List<T> kept() throws IOException;

    /** A compacted view of a journal that replays the whole journal on every read. */
    static <T> CompactedJournal<T> replaying(Journal<T> journal, Compaction<T> compaction) {
        return new CompactedJournal<>() {
            @Override
            public void append(List<T> records) throws IOException {
                journal.append(records);
            }

            @Override
            public List<T> appendDecided(Function<List<T>, List<T>> decide) throws IOException {
                return journal.appendDecided(records -> decide.apply(compaction.compact(List.of(), records)));
            }

            @Override
            public List<T> kept() throws IOException {
                return compaction.compact(List.of(), journal.read());
            }
        };
    }
}
