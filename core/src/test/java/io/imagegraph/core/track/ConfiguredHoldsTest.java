package io.imagegraph.core.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfiguredHoldsTest {

    private static final String D1 = "sha256:" + "1".repeat(64);
    private static final String D2 = "sha256:" + "2".repeat(64);

    @Test
    void of_digestsWithReasons_areKept() {
        assertThat(ConfiguredHolds.of(Map.of(" " + D1 + " ", " CVE-2026-1 ")).reasons()).containsEntry(D1, "CVE-2026-1");
    }

    @Test
    void of_notADigest_saysWhatToHold() {
        assertThatThrownBy(() -> ConfiguredHolds.of(Map.of("debian:12", "CVE")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'debian:12', which is not a digest");
    }

    @Test
    void of_noReason_isRefused() {
        assertThatThrownBy(() -> ConfiguredHolds.of(Map.of(D1, " ")))
                .hasMessageContaining("gives no reason");
    }

    @Test
    void over_addsToTheJournal_whoseOwnHoldOfADigestStays() {
        HoldEvent journal = new HoldEvent(D1, true, "from trivy", "2026-11-24T00:00:00Z", "ci", "trivy.json");
        Map<String, HoldEvent> all = ConfiguredHolds.of(Map.of(D1, "config", D2, "bad release")).over(Map.of(D1, journal));
        assertThat(all.get(D1)).isEqualTo(journal);
        assertThat(all.get(D2).reason()).isEqualTo("bad release");
        assertThat(all.get(D2).source()).isEqualTo(ConfiguredHolds.SOURCE);
    }
}
