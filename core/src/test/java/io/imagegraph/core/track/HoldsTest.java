package io.imagegraph.core.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.state.StateDirectory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HoldsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void hold_thenRelease_liftsIt(@TempDir Path dir) throws Exception {
        Holds holds = Holds.in(StateDirectory.at(dir));
        Digest base = Digest.of(TagHistoryTest.digest(1));
        holds.hold(Map.of(base, "CVE-2026-0001"), "alice", "manual", NOW);
        assertThat(holds.active()).containsOnlyKeys(base.toString());
        assertThat(holds.active().get(base.toString()).reason()).isEqualTo("CVE-2026-0001");
        assertThat(holds.release(base, "bob", NOW)).isTrue();
        assertThat(holds.active()).isEmpty();
    }

    @Test
    void release_ofADigestNotHeld_saysSoAndWritesNothing(@TempDir Path dir) throws Exception {
        Holds holds = Holds.in(StateDirectory.at(dir));
        assertThat(holds.release(Digest.of(TagHistoryTest.digest(2)), "bob", NOW)).isFalse();
        assertThat(dir.resolve("holds.jsonl")).doesNotExist();
    }

    @Test
    void hold_again_replacesTheReason(@TempDir Path dir) throws Exception {
        Holds holds = Holds.in(StateDirectory.at(dir));
        Digest base = Digest.of(TagHistoryTest.digest(1));
        holds.hold(Map.of(base, "first"), "alice", "manual", NOW);
        holds.hold(Map.of(base, "second"), "alice", "scan.json", NOW);
        assertThat(holds.active().get(base.toString()).reason()).isEqualTo("second");
        assertThat(holds.active().get(base.toString()).source()).isEqualTo("scan.json");
    }
}
