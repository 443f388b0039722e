package io.imagegraph.core.state;

import java.nio.file.Path;
import java.util.List;

/**
 * A separate writer process for {@link JsonLinesJournalTest}: appends {@code count} records,
 * two at a time, to a journal, as another imagegraph process would.
 */
public final class JournalWriterProcess {

    public record Entry(String writer, int n, String padding) {
    }

    public static void main(String[] args) throws Exception {
        JsonLinesJournal<Entry> journal = new JsonLinesJournal<>(Path.of(args[0]), Entry.class, "entry");
        String writer = args[1];
        int count = Integer.parseInt(args[2]);
        String padding = "x".repeat(3000);
        for (int i = 0; i < count; i += 2) {
            journal.append(List.of(new Entry(writer, i, padding), new Entry(writer, i + 1, padding)));
        }
    }
}
