package io.imagegraph.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(500));

    @Test
    void pauseAfter_doublesUpToTheLongestPause() {
        assertThat(policy.pauseAfter(1, null)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.pauseAfter(2, null)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.pauseAfter(3, null)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.pauseAfter(4, null)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.pauseAfter(60, null)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void pauseAfter_retryAfter_isHonouredUpToTheLongestPause() {
        assertThat(policy.pauseAfter(1, Duration.ofMillis(300))).isEqualTo(Duration.ofMillis(300));
        assertThat(policy.pauseAfter(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void isRetryableStatus_throttlingAndServerErrorsOnly() {
        assertThat(RetryPolicy.isRetryableStatus(429)).isTrue();
        assertThat(RetryPolicy.isRetryableStatus(503)).isTrue();
        assertThat(RetryPolicy.isRetryableStatus(500)).isTrue();
        assertThat(RetryPolicy.isRetryableStatus(404)).isFalse();
        assertThat(RetryPolicy.isRetryableStatus(401)).isFalse();
        assertThat(RetryPolicy.isRetryableStatus(403)).isFalse();
    }

    @Test
    void constructor_noAttempts_isRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
