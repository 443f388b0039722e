package io.imagegraph.core.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    @Test
    void defaults_protectLatestStableAndReleaseTags_notRunTags() {
        RetentionPolicy policy = RetentionPolicy.defaults();
        assertThat(policy.protecting("latest")).isPresent();
        assertThat(policy.protecting("v2026.2.1")).isPresent();
        assertThat(policy.protecting("1.2")).isPresent();
        assertThat(policy.protecting("pr-42")).isEmpty();
        assertThat(policy.protecting("latest-pr")).as("whole-tag match").isEmpty();
    }

    @Test
    void negativeKeep_isRefused() {
        assertThatThrownBy(() -> new RetentionPolicy(-1, Duration.ZERO, List.of()))
                .hasMessageContaining("keep cannot be negative");
    }
}
