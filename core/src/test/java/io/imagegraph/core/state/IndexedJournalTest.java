package io.imagegraph.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.state.JournalWriterProcess.Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexedJournalTest {

    /** The last two entries of each writer: a compaction that drops records. */
    private static final Compaction<Entry> LAST_TWO_BY_WRITER = NewestByKey.last(2, Entry::writer);

    @TempDir
    Path dir;

    private JsonLinesJournal<Entry> journal(String name) {
        return new JsonLinesJournal<>(dir.resolve(name), Entry.class, "entry");
    }

    private static List<Entry> entries(String writer, int from, int to) {
        List<Entry> entries = new ArrayList<>();
        for (int n = from; n < to; n++) {
            entries.add(new Entry(writer, n, null));
        }
        return entries;
    }

    @Test
    void kept_isWhatCompactingTheWholeJournalGives_whateverWroteIt() throws Exception {
        JsonLinesJournal<Entry> journal = journal("j.jsonl");
        IndexedJournal<Entry> indexed = new IndexedJournal<>(journal, LAST_TWO_BY_WRITER);
        assertThat(indexed.kept()).isEmpty();
        indexed.append(entries("a", 0, 5));
        journal.append(entries("b", 0, 3));
        assertThat(indexed.kept()).containsExactly(new Entry("a", 3, null), new Entry("a", 4, null),
                new Entry("b", 1, null), new Entry("b", 2, null));
        indexed.append(entries("a", 5, 6));
        journal.append(entries("c", 0, 1));
        assertThat(indexed.kept()).isEqualTo(LAST_TWO_BY_WRITER.compact(List.of(), journal.read()));
        assertThat(journal.read()).as("the journal keeps every record").hasSize(10);
    }

    @Test
    void kept_ofAJournalNeverWritten_isEmpty_andWritesNoIndex() throws Exception {
        IndexedJournal<Entry> indexed = new IndexedJournal<>(journal("j.jsonl"), LAST_TWO_BY_WRITER);
        assertThat(indexed.kept()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).as("no index or lock file for a read").isEmpty();
        }
    }

    @Test
    void upToDateIndex_isReadWithoutTheJournal() throws Exception {
        JsonLinesJournal<Entry> journal = journal("j.jsonl");
        IndexedJournal<Entry> indexed = new IndexedJournal<>(journal, LAST_TWO_BY_WRITER);
        indexed.append(entries("a", 0, 1000));
        assertThat(Files.readAllLines(indexed.index())).as("a header and the two records kept").hasSize(3);
        long modified = Files.getLastModifiedTime(indexed.index()).toMillis();
        assertThat(indexed.kept()).extracting(Entry::n).containsExactly(998, 999);
        assertThat(Files.getLastModifiedTime(indexed.index()).toMillis()).isEqualTo(modified);
    }

    @Test
    void missingIndex_isRebuiltFromTheJournal_inChunks() throws Exception {
        JsonLinesJournal<Entry> journal = journal("j.jsonl");
        journal.append(entries("a", 0, 25_000));
        IndexedJournal<Entry> indexed = new IndexedJournal<>(journal, NewestByKey.newest(entry -> entry.n() % 7));
        assertThat(Files.exists(indexed.index())).isFalse();
        assertThat(indexed.kept()).extracting(Entry::n).containsExactly(24993, 24994, 24995, 24996, 24997, 24998, 24999);
        assertThat(Files.exists(indexed.index())).isTrue();
    }

    @Test
    void corruptIndex_isRebuiltFromTheJournal() throws Exception {
        JsonLinesJournal<Entry> journal = journal("j.jsonl");
        IndexedJournal<Entry> indexed = new IndexedJournal<>(journal, LAST_TWO_BY_WRITER);
        indexed.append(entries("a", 0, 4));
        List<Entry> expected = indexed.kept();
        String good = Files.readString(indexed.index());
        for (String corrupt : List.of("", "not json at all", good.substring(0, good.length() / 2),
                good.replace("\"n\":3", "\"n\":\"three\""), good.replace("\"format\":1", "\"format\":99"),
                good.replaceFirst("\"head\":\"[0-9a-f]", "\"head\":\"z"))) {
            Files.writeString(indexed.index(), corrupt);
            assertThat(indexed.kept()).as("index was: " + corrupt).isEqualTo(expected);
            assertThat(Files.readString(indexed.index())).isEqualTo(good);
        }
    }

    @Test
    void indexOfAnotherJournal_isRebuilt_whenTheJournalWasMovedAsideOrTruncated() throws Exception {
        JsonLinesJournal<Entry> journal = journal("j.jsonl");
        IndexedJournal<Entry> indexed = new IndexedJournal<>(journal, LAST_TWO_BY_WRITER);
        indexed.append(entries("a", 0, 4));
        Files.move(journal.file(), dir.resolve("j.jsonl.aside"));
        assertThat(indexed.kept()).as("no journal: nothing, though its old index is still there").isEmpty();
        journal.append(entries("b", 0, 10));
        assertThat(indexed.kept()).as("a longer journal that is not the one indexed")
                .containsExactly(new Entry("b", 8, null), new Entry("b", 9, null));
        Files.writeString(journal.file(), "{\"writer\":\"c\",\"n\":0}\n");
        assertThat(indexed.kept()).as("a journal shorter than the index covers").containsExactly(new Entry("c", 0, null));
    }

    @Test
    void brokenJournalLine_isReportedWithItsNumber_notHiddenByTheIndex() throws Exception {
        JsonLinesJournal<Entry> journal = journal("j.jsonl");
        IndexedJournal<Entry> indexed = new IndexedJournal<>(journal, LAST_TWO_BY_WRITER);
        indexed.append(entries("a", 0, 3));
        Files.writeString(journal.file(), "{\"writer\":\"a\",\"n\":", StandardOpenOption.APPEND);
        assertThatThrownBy(indexed::kept).hasMessageContaining("j.jsonl line 4 is not a entry");
        assertThat(Files.readAllLines(journal.file())).as("the journal left as it was").hasSize(4);
    }

    @Test
    void concurrentProcesses_plainAndIndexed_loseNoRecord_andTheIndexMatchesTheJournal() throws Exception {
        Path file = dir.resolve("shared.jsonl");
        JournalWriterProcess.awaitSuccess(JournalWriterProcess.start(4, file, "400 indexed", "400"));
        JsonLinesJournal<Entry> journal = new JsonLinesJournal<>(file, Entry.class, "entry");
        List<Entry> all = journal.read();
        assertThat(all).hasSize(4 * 400);
        assertThat(new IndexedJournal<>(journal, JournalWriterProcess.BY_N).kept())
                .isEqualTo(JournalWriterProcess.BY_N.compact(List.of(), all));
    }

    @Test
    void appendDecided_byConcurrentProcesses_overTheIndex_decidesEachRecordOnce() throws Exception {
        Path file = dir.resolve("claims.jsonl");
        JournalWriterProcess.awaitSuccess(JournalWriterProcess.start(4, file, "150 indexed-claim"));
        assertThat(new JsonLinesJournal<>(file, Entry.class, "entry").read()).extracting(Entry::n)
                .as("each number claimed by exactly one writer").doesNotHaveDuplicates().hasSize(150);
    }
}
