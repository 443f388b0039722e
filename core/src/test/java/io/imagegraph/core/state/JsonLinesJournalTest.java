package io.imagegraph.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.state.JournalWriterProcess.Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesJournalTest {

    @TempDir
    Path dir;

    private static List<Process> writers(int count, Path file, String... arguments) throws Exception {
        return JournalWriterProcess.start(count, file, String.join(" ", arguments));
    }

    private static void awaitSuccess(List<Process> writers) throws Exception {
        JournalWriterProcess.awaitSuccess(writers);
    }

    @Test
    void read_ofAJournalNeverWritten_isEmpty_andMakesNoFolderOrLockFile() throws Exception {
        JsonLinesJournal<Entry> journal = new JsonLinesJournal<>(dir.resolve("state/b.jsonl"), Entry.class, "entry");
        assertThat(journal.read()).isEmpty();
        assertThat(dir.resolve("state")).as("a read-only command leaves the folder as it was").doesNotExist();
    }

    @Test
    void appendThenRead_roundTripsInOrder() throws Exception {
        JsonLinesJournal<Entry> journal = new JsonLinesJournal<>(dir.resolve("a/b.jsonl"), Entry.class, "entry");
        assertThat(journal.read()).isEmpty();
        journal.append(List.of(new Entry("w", 1, null), new Entry("w", 2, "p")));
        journal.append(List.of(new Entry("v", 3, null)));
        assertThat(journal.read()).containsExactly(new Entry("w", 1, null), new Entry("w", 2, "p"), new Entry("v", 3, null));
        assertThat(Files.readString(journal.file())).doesNotContain("null");
    }

    @Test
    void concurrentProcesses_loseNoRecordAndNeverInterleave() throws Exception {
        Path file = dir.resolve("shared.jsonl");
        awaitSuccess(writers(4, file, "300"));
        List<Entry> entries = new JsonLinesJournal<>(file, Entry.class, "entry").read();
        assertThat(entries).hasSize(4 * 300);
        Map<String, List<Integer>> byWriter = entries.stream().collect(Collectors.groupingBy(Entry::writer,
                Collectors.mapping(Entry::n, Collectors.toList())));
        for (List<Integer> numbers : byWriter.values()) {
            assertThat(numbers).as("each writer's records in its own order").isSorted().hasSize(300);
        }
    }

    @Test
    void appendDecided_byConcurrentProcesses_decidesEachRecordOnce() throws Exception {
        Path file = dir.resolve("claims.jsonl");
        awaitSuccess(writers(4, file, "100", "claim"));
        assertThat(new JsonLinesJournal<>(file, Entry.class, "entry").read()).extracting(Entry::n)
                .as("each number claimed by exactly one writer").doesNotHaveDuplicates().hasSize(100);
    }

    @Test
    void appendDecided_returnsWhatItAppended_andAppendsNothingWhenNothingIsDecided() throws Exception {
        JsonLinesJournal<Entry> journal = new JsonLinesJournal<>(dir.resolve("d.jsonl"), Entry.class, "entry");
        journal.append(List.of(new Entry("w", 1, null)));
        assertThat(journal.appendDecided(all -> List.of(new Entry("w", all.size() + 1, null))))
                .containsExactly(new Entry("w", 2, null));
        assertThat(journal.appendDecided(all -> List.of())).isEmpty();
        assertThat(journal.read()).containsExactly(new Entry("w", 1, null), new Entry("w", 2, null));
    }

    @Test
    void interruptedThread_stillAppendsAndReads_andStaysInterrupted() throws Exception {
        JsonLinesJournal<Entry> journal = new JsonLinesJournal<>(dir.resolve("i.jsonl"), Entry.class, "entry");
        Thread.currentThread().interrupt();
        try {
            journal.append(List.of(new Entry("w", 1, null)));
            assertThat(journal.read()).containsExactly(new Entry("w", 1, null));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void rewrite_replacesTheRecords() throws Exception {
        JsonLinesJournal<Entry> journal = new JsonLinesJournal<>(dir.resolve("r.jsonl"), Entry.class, "entry");
        journal.append(List.of(new Entry("w", 1, null), new Entry("w", 2, null)));
        List<Entry> kept = journal.rewrite(all -> all.subList(1, 2));
        assertThat(kept).containsExactly(new Entry("w", 2, null));
        assertThat(journal.read()).containsExactly(new Entry("w", 2, null));
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("r.jsonl", "r.jsonl.lock");
        }
    }

    @Test
    void rewrite_whileOtherProcessesAppend_losesNoneOfTheirRecords() throws Exception {
        Path file = dir.resolve("busy.jsonl");
        JsonLinesJournal<Entry> journal = new JsonLinesJournal<>(file, Entry.class, "entry");
        List<Process> writers = writers(2, file, "300");
        while (writers.stream().anyMatch(Process::isAlive)) {
            journal.rewrite(all -> all);
        }
        awaitSuccess(writers);
        assertThat(journal.read()).hasSize(600);
    }

    @Test
    void brokenLine_isReportedWithItsNumberAndWhatTheRecordsAre() throws Exception {
        JsonLinesJournal<Entry> journal = new JsonLinesJournal<>(dir.resolve("j.jsonl"), Entry.class, "tag event");
        journal.append(List.of(new Entry("w", 1, null)));
        Files.writeString(journal.file(), "{\"writer\": \"trunc", StandardOpenOption.APPEND);
        assertThatThrownBy(journal::read).hasMessageContaining("j.jsonl line 2 is not a tag event")
                .hasMessageContaining("move the file aside");
    }

    @Test
    void unknownFields_writtenByANewerVersion_areIgnored() throws Exception {
        Path file = Files.writeString(dir.resolve("n.jsonl"), "{\"writer\":\"w\",\"n\":1,\"later\":true}\n");
        assertThat(new JsonLinesJournal<>(file, Entry.class, "entry").read()).containsExactly(new Entry("w", 1, null));
    }
}
