package io.imagegraph.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpstreamSettingsTest {

    @Test
    void parseInterval_shorthandAndIso() {
        assertThat(UpstreamSettings.parseInterval("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(UpstreamSettings.parseInterval("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(UpstreamSettings.parseInterval("PT1H")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void parseInterval_otherText_saysHowToWriteIt() {
        assertThatThrownBy(() -> UpstreamSettings.parseInterval("hourly"))
                .hasMessage("'hourly' is not a duration; write it as 30m, 1h, 2d or PT1H");
    }

    @Test
    void budgetBelowOne_isRefused() {
        assertThatThrownBy(() -> new UpstreamSettings(Duration.ZERO, 0, List.of()))
                .hasMessageContaining("requestBudget must be at least 1");
    }
}
