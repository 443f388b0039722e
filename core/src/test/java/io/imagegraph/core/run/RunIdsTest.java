package io.imagegraph.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunIdsTest {

    private static final Instant SECOND = Instant.parse("2026-12-02T04:30:07.250Z");

    @TempDir
    Path dir;

    @Test
    void twoRunsInTheSameSecond_getDifferentIds_thatStartWithTheTime() {
        String first = RunIds.next(SECOND);
        String second = RunIds.next(SECOND.plusMillis(500));
        assertThat(first).isNotEqualTo(second).startsWith("20261202-043007-")
                .matches("\\d{8}-\\d{6}-[0-9a-f]+-\\d{3,}");
        assertThat(second).startsWith("20261202-043007-" + Long.toHexString(ProcessHandle.current().pid()) + "-");
    }

    @Test
    void ids_sortByTheirStartTime() {
        List<String> ids = List.of(RunIds.next(SECOND.plusSeconds(61)), RunIds.next(SECOND),
                RunIds.next(SECOND.plusSeconds(3600 * 24)));
        assertThat(ids.stream().sorted().toList()).containsExactly(ids.get(1), ids.get(0), ids.get(2));
    }

    @Test
    void manyThreadsAtOnce_neverShareAnId() throws Exception {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                done.add(pool.submit(() -> {
                    for (int j = 0; j < 250; j++) {
                        ids.add(RunIds.next(SECOND));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ids).hasSize(2000);
    }

    @Test
    void claim_createsTheRunsFolder_andSkipsAnIdWhoseFolderIsTaken() throws Exception {
        Path runs = dir.resolve("state/runs");
        String claimed = RunIds.claim(runs, SECOND);
        assertThat(runs.resolve(claimed)).isDirectory();
        // another process with this pid (another container) took the next id: the claim counts past it
        String[] parts = RunIds.next(SECOND).split("-");
        String taken = parts[0] + "-" + parts[1] + "-" + parts[2] + "-"
                + String.format("%03d", Integer.parseInt(parts[3]) + 1);
        Files.createDirectory(runs.resolve(taken));
        String next = RunIds.claim(runs, SECOND);
        assertThat(next).isNotEqualTo(taken).isNotEqualTo(claimed);
        assertThat(runs.resolve(next)).isDirectory();
    }
}
