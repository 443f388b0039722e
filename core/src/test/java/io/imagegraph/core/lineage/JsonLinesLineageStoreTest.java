package io.imagegraph.core.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesLineageStoreTest {

    private static LineageRecord record(String image, int n) {
        return new LineageRecord(image, "built", "sha256:" + String.format("%064x", n), "acme/" + image,
                "sha256:" + "0".repeat(64), List.of(new LineageRecord.ParentDigest("base", "sha256:" + "1".repeat(64))),
                List.of("debian:12"), "abc", "2026-11-22T00:00:00Z", "run-" + n, 1000L + n);
    }

    @Test
    void appendThenRead_roundTrips(@TempDir Path dir) throws Exception {
        JsonLinesLineageStore store = new JsonLinesLineageStore(dir.resolve("sub/lineage.jsonl"));
        assertThat(store.records()).isEmpty();
        store.append(List.of(record("a", 1), record("b", 2)));
        store.append(List.of(record("a", 3)));
        assertThat(store.records()).containsExactly(record("a", 1), record("b", 2), record("a", 3));
        assertThat(Files.readAllLines(store.file())).hasSize(3);
    }

    @Test
    void concurrentWriters_loseNoRecord(@TempDir Path dir) throws Exception {
        JsonLinesLineageStore store = new JsonLinesLineageStore(dir.resolve("lineage.jsonl"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> writes = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int writer = w;
            writes.add(pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    new JsonLinesLineageStore(store.file()).append(List.of(record("w" + writer, i), record("w" + writer, i + 1000)));
                }
                return null;
            }));
        }
        for (Future<?> write : writes) {
            write.get();
        }
        pool.shutdown();
        assertThat(store.records()).hasSize(8 * 50 * 2);
    }

    @Test
    void brokenLine_isReportedWithItsNumber(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lineage.jsonl");
        JsonLinesLineageStore store = new JsonLinesLineageStore(file);
        store.append(List.of(record("a", 1)));
        Files.writeString(file, "{\"image\": \"trunc", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(store::records).hasMessageContaining("line 2 is not a lineage record");
    }
}
