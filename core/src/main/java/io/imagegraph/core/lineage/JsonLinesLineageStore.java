package io.imagegraph.core.lineage;

import io.imagegraph.core.state.IndexedJournal;
import io.imagegraph.core.state.JsonLinesJournal;
import io.imagegraph.core.state.StateDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Lineage records as one JSON document a line in a file ({@link JsonLinesJournal}): concurrent
 * processes never interleave or lose records, and a broken line is reported with its number. What
 * a build needs of it is kept in an index beside it ({@link IndexedJournal}, {@code lineage.jsonl.index}).
 */
public final class JsonLinesLineageStore implements LineageStore {

    /** The lineage file's name in a state folder. */
    public static final String FILE_NAME = "lineage.jsonl";

    private final JsonLinesJournal<LineageRecord> journal;
    private final IndexedJournal<LineageRecord> indexed;

    public JsonLinesLineageStore(Path file) {
        this.journal = new JsonLinesJournal<>(file, LineageRecord.class, "lineage record");
        this.indexed = new IndexedJournal<>(journal, LineageCompaction.forBuilds());
    }

    /** The lineage of a state folder: {@value #FILE_NAME} in it. */
    public static JsonLinesLineageStore in(StateDirectory state) {
        return new JsonLinesLineageStore(state.folder().resolve(FILE_NAME));
    }

    public Path file() {
        return journal.file();
    }

    @Override
    public void append(List<LineageRecord> records) throws IOException {
        indexed.append(records);
    }

    @Override
    public List<LineageRecord> records() throws IOException {
        return journal.read();
    }

    @Override
    public List<LineageRecord> recent() throws IOException {
        return indexed.kept();
    }
}
