package io.imagegraph.core.lineage;

import io.imagegraph.core.state.JsonLinesJournal;
import io.imagegraph.core.state.StateDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Lineage records as one JSON document a line in a file ({@link JsonLinesJournal}): concurrent
 * processes never interleave or lose records, and a broken line is reported with its number.
 */
public final class JsonLinesLineageStore implements LineageStore {

    /** The lineage file's name in a state folder. */
    public static final String FILE_NAME = "lineage.jsonl";

    private final JsonLinesJournal<LineageRecord> journal;

    public JsonLinesLineageStore(Path file) {
        this.journal = new JsonLinesJournal<>(file, LineageRecord.class, "lineage record");
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
        journal.append(records);
    }

    @Override
    public List<LineageRecord> records() throws IOException {
        return journal.read();
    }
}
