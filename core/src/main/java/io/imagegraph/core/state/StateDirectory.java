package io.imagegraph.core.state;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/** A {@link StateStore} in a folder: each journal is a file {@code <name>.jsonl} there. */
public final class StateDirectory implements StateStore {

    /** The variable that names a state folder over the default. */
    public static final String ENVIRONMENT = "IMAGEGRAPH_STATE";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private final Path folder;

    private StateDirectory(Path folder) {
        this.folder = folder;
    }

    public static StateDirectory at(Path folder) {
        return new StateDirectory(folder);
    }

    /**
     * The state folder of a graph: {@code $IMAGEGRAPH_STATE} when the environment sets it (a folder
     * that builds of several branches or jobs share), else {@code <root>/.imagegraph}.
     */
    public static StateDirectory forGraph(Path root, Map<String, String> environment) {
        String shared = environment.get(ENVIRONMENT);
        return at(shared != null && !shared.isBlank() ? Path.of(shared) : root.resolve(".imagegraph"));
    }

    public Path folder() {
        return folder;
    }

    @Override
    public <T> Journal<T> journal(String name, Class<T> type) {
        return jsonLines(name, type);
    }

    /** The journal read through its compaction, kept in an index beside it ({@link IndexedJournal}). */
    @Override
    public <T> CompactedJournal<T> compacted(String name, Class<T> type, Compaction<T> compaction) {
        return new IndexedJournal<>(jsonLines(name, type), compaction);
    }

    private <T> JsonLinesJournal<T> jsonLines(String name, Class<T> type) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a journal's name is lower-case letters, digits and dashes: " + name);
        }
        return new JsonLinesJournal<>(folder.resolve(name + ".jsonl"), type, name.replace('-', ' ') + " record");
    }
}
