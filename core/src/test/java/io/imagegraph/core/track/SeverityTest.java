package io.imagegraph.core.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeverityTest {

    @Test
    void parse_anyCase_andOrder() {
        assertThat(Severity.parse("high")).isEqualTo(Severity.HIGH);
        assertThat(Severity.CRITICAL.isAtLeast(Severity.HIGH)).isTrue();
        assertThat(Severity.MEDIUM.isAtLeast(Severity.HIGH)).isFalse();
    }

    @Test
    void parse_unknownWord_listsTheSeverities() {
        assertThatThrownBy(() -> Severity.parse("severe")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'severe' is not a severity; use one of UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL");
    }
}
