package io.imagegraph.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A separate writer process for {@link JsonLinesJournalTest}: appends {@code count} records,
 * two at a time, to a journal, as another imagegraph process would; or, with {@code claim},
 * appends record {@code n} for each n from 0 to count only when no writer has appended it yet.
 * With {@code indexed} (or {@code indexed-claim}) it does the same through an {@link IndexedJournal}
 * that keeps the newest record of each n ({@link #BY_N}), for {@link IndexedJournalTest}.
 */
public final class JournalWriterProcess {

    public record Entry(String writer, int n, String padding) {
    }

    /** The compaction the indexed writers use: the newest entry of each number. */
    public static final Compaction<Entry> BY_N = NewestByKey.newest(Entry::n);

    /**
     * Starts writers w0, w1, ... on the file, writer w with the arguments {@code arguments[w %
     * arguments.length]} split at spaces.
     */
    static List<Process> start(int count, Path file, String... arguments) throws Exception {
        List<Process> writers = new ArrayList<>();
        for (int w = 0; w < count; w++) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), JournalWriterProcess.class.getName(),
                    file.toString(), "w" + w));
            command.addAll(List.of(arguments[w % arguments.length].split(" ")));
            writers.add(new ProcessBuilder(command).redirectErrorStream(true).start());
        }
        return writers;
    }

    static void awaitSuccess(List<Process> writers) throws Exception {
        for (Process writer : writers) {
            assertThat(writer.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(writer.exitValue()).as(new String(writer.getInputStream().readAllBytes())).isZero();
        }
    }

    public static void main(String[] args) throws Exception {
        JsonLinesJournal<Entry> journal = new JsonLinesJournal<>(Path.of(args[0]), Entry.class, "entry");
        String writer = args[1];
        int count = Integer.parseInt(args[2]);
        String padding = "x".repeat(3000);
        String mode = args.length > 3 ? args[3] : "";
        if (mode.startsWith("indexed")) {
            IndexedJournal<Entry> indexed = new IndexedJournal<>(journal, BY_N);
            for (int i = 0; i < count; i += mode.equals("indexed-claim") ? 1 : 2) {
                int n = i;
                if (mode.equals("indexed-claim")) {
                    indexed.appendDecided(kept -> kept.stream().anyMatch(entry -> entry.n() == n) ? List.of()
                            : List.of(new Entry(writer, n, null)));
                } else {
                    indexed.append(List.of(new Entry(writer, i, null), new Entry(writer, i + 1, null)));
                }
            }
            return;
        }
        if (mode.equals("claim")) {
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
