package io.imagegraph.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.state.StateDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamStateTest {

    @Test
    void current_isTheLatestDigestOfEachWatch(@TempDir Path dir) throws Exception {
        UpstreamState state = UpstreamState.in(StateDirectory.at(dir));
        state.record(List.of(new UpstreamDigest("w", "r", "1", "sha256:" + "1".repeat(64), null, null, "t1", "poll")));
        state.record(List.of(new UpstreamDigest("w", "r", "1", "sha256:" + "2".repeat(64), "1", "sha256:" + "1".repeat(64),
                "t2", "webhook:distribution")));
        assertThat(state.current().get("w").digest()).endsWith("2222");
        assertThat(state.changes()).hasSize(2);
    }

    @Test
    void polled_keepsOneEntryPerWatch(@TempDir Path dir) throws Exception {
        UpstreamState state = UpstreamState.in(StateDirectory.at(dir));
        Instant first = Instant.parse("2026-11-24T10:00:00Z");
        Instant second = Instant.parse("2026-11-24T11:00:00Z");
        state.polled(List.of("a", "b"), first);
        state.polled(List.of("a"), second);
        assertThat(state.lastPolled()).containsEntry("a", second).containsEntry("b", first);
        assertThat(Files.readAllLines(dir.resolve("upstream-polls.jsonl"))).hasSize(2);
    }
}
