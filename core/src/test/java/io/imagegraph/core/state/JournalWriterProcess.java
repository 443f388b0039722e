package io.imagegraph.core.state;

import java.nio.file.Path;
import java.util.List;

/**
 * A separate writer process for {@link JsonLinesJournalTest}: appends {@code count} records,
 * two at a time, to a journal, as another imagegraph process would; or, with {@code claim},
 * appends record {@code n} for each n from 0 to count only when no writer has appended it yet.
 */
public final class JournalWriterProcess {

    public record Entry(String writer, int n, String padding) {
    }

    public static void main(String[] args) throws Exception {
        JsonLinesJournal<Entry> journal = new JsonLinesJournal<>(Path.of(args[0]), Entry.class, "entry");
        String writer = args[1];
        int count = Integer.parseInt(args[2]);
        String padding = "x".repeat(3000);
        if (args.length > 3 && args[3].equals("claim")) {
            for (int i = 0; i < count; i++) {
                int n = i;
                journal.appendDecided(all -> all.stream().anyMatch(entry -> entry.n() == n) ? List.of()
                        : List.of(new Entry(writer, n, padding)));
            }
            return;
        }
        for (int i = 0; i < count; i += 2) {
            journal.append(List.of(new Entry(writer, i, padding), new Entry(writer, i + 1, padding)));
        }
    }
}
