package io.imagegraph.core.state;

/**
 * Where the engine keeps what it tracks over time (tag history, holds, upstream digests,
 * deployments): a folder of journals by default ({@link StateDirectory}); the plugin keeps the
 * same folder under JENKINS_HOME.
 */
public interface StateStore {

    /** The journal of that name, holding records of that type. */
    <T> Journal<T> journal(String name, Class<T> type);

    /**
     * The journal of that name read through a compaction, for the questions asked on every run;
     * this default replays the whole journal on each read, {@link StateDirectory} keeps an index.
     */
    default <T> CompactedJournal<T> compacted(String name, Class<T> type, Compaction<T> compaction) {
        return CompactedJournal.replaying(journal(name, type), compaction);
    }
}
