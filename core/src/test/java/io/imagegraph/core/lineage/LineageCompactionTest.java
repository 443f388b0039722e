package io.imagegraph.core.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.state.Compaction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageCompactionTest {

    @TempDir
    Path dir;

    /** Many runs over a few images: rebuilt now and then, reused mostly, with or without a registry. */
    private static List<LineageRecord> history(long seed, int runs) {
        Random random = new Random(seed);
        List<LineageRecord> records = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            for (int image = 0; image < 6; image++) {
                String input = "sha256:in" + image + "-" + random.nextInt(3);
                boolean built = random.nextInt(4) == 0;
                String repository = random.nextInt(5) == 0 ? null : "registry/acme/i" + image;
                records.add(new LineageRecord("i" + image, built ? "built" : "reused",
                        "sha256:d" + image + "-" + random.nextInt(4), repository, input, List.of(), List.of(), null,
                        "2026-01-01T00:00:" + String.format("%02d", run % 60) + "Z", "run-" + run,
                        built ? 1000 + random.nextInt(5000) : 0));
            }
        }
        return records;
    }

    /** What a build asks of the lineage, answered from these records. */
    private static List<Object> answers(List<LineageRecord> records) {
        Map<String, LineageRecord> newestByInputAndStatus = new HashMap<>();
        Map<String, Set<String>> digests = new HashMap<>();
        Map<String, LineageRecord> lastOfImage = new HashMap<>();
        for (LineageRecord record : records) {
            newestByInputAndStatus.put(record.image() + " " + record.inputDigest() + " " + record.status(), record);
            if (record.repository() != null) {
                digests.computeIfAbsent(record.repository() + " " + record.inputDigest(), k -> new HashSet<>())
                        .add(record.digest());
            }
            lastOfImage.put(record.image(), record);
        }
        List<String> images = List.of("i0", "i1", "i2", "i3", "i4", "i5", "never-built");
        return List.of(newestByInputAndStatus, digests, lastOfImage, DurationEstimates.of(records, images));
    }

    @Test
    void compactedLineage_answersWhatABuildAsks_asTheWholeLineageDoes() {
        Compaction<LineageRecord> compaction = LineageCompaction.forBuilds();
        for (long seed = 0; seed < 20; seed++) {
            List<LineageRecord> all = history(seed, 200);
            List<LineageRecord> kept = compaction.compact(List.of(), all);
            assertThat(answers(kept)).as("seed " + seed).isEqualTo(answers(all));
            assertThat(kept.size()).isLessThan(all.size() / 5);
        }
    }

    @Test
    void keptRecords_doNotGrowWithTheNumberOfNoOpRuns() {
        Compaction<LineageRecord> compaction = LineageCompaction.forBuilds();
        List<LineageRecord> first = history(7, 50);
        List<LineageRecord> kept = compaction.compact(List.of(), first);
        List<LineageRecord> later = new ArrayList<>(kept);
        for (int run = 0; run < 500; run++) {
            List<LineageRecord> rerun = new ArrayList<>();
            for (LineageRecord record : first.subList(first.size() - 6, first.size())) {
                rerun.add(new LineageRecord(record.image(), "reused", record.digest(), record.repository(),
                        record.inputDigest(), List.of(), List.of(), null, record.time(), "rerun-" + run, 0));
            }
            later = compaction.compact(later, rerun);
        }
        assertThat(later.size()).isLessThanOrEqualTo(kept.size() + 6);
    }

    @Test
    void store_recent_readsTheIndex_andMatchesItsRecords() throws Exception {
        JsonLinesLineageStore store = new JsonLinesLineageStore(dir.resolve("lineage.jsonl"));
        List<LineageRecord> all = history(3, 300);
        for (int from = 0; from < all.size(); from += 6) {
            store.append(all.subList(from, from + 6));
        }
        assertThat(store.records()).isEqualTo(all);
        assertThat(store.recent()).isEqualTo(LineageCompaction.forBuilds().compact(List.of(), all));
        assertThat(dir.resolve("lineage.jsonl.index")).exists();
    }
}
