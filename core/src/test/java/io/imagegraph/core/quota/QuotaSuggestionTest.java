package io.imagegraph.core.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.promote.ImageLocation;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.track.Retention;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuotaSuggestionTest {

    private static final ImageLocation KEYSTONE = new ImageLocation("quay.io", RepositoryName.of("acme/keystone"));

    private static Retention.Version version(String hex, String tag, String day, long bytes, Retention.Decision decision,
                                             String reason) {
        return new Retention.Version("sha256:" + hex.repeat(64), List.of(tag),
                Optional.of(Instant.parse("2026-11-" + day + "T00:00:00Z")), bytes, decision, reason, List.of());
    }

    private static Retention.RepositoryPlan plan() {
        return new Retention.RepositoryPlan(KEYSTONE, List.of(
                version("a", "latest", "30", 100, Retention.Decision.KEEP, "tag latest is protected (latest)"),
                version("b", "pr-9", "29", 100, Retention.Decision.KEEP, "one of the 3 newest"),
                version("c", "pr-8", "20", 100, Retention.Decision.KEEP, "one of the 3 newest"),
                version("d", "prod", "10", 100, Retention.Decision.KEEP, "deployed to prod"),
                version("e", "pr-1", "01", 100, Retention.Decision.DELETE, "older than 7d")), 500, 100);
    }

    private static QuotaUsage usage(String bytes, Integer tags, long usedBytes, int usedTags) {
        return new QuotaUsage(new QuotaEntry(null, "quay.io/acme/keystone", bytes, tags).quota(), usedBytes, usedTags,
                List.of("quay.io/acme/keystone"));
    }

    @Test
    void afterThePolicysDeletions_theOldestVersionsKeptOnlyByCountGoFirst() {
        List<QuotaSuggestion> suggestions = QuotaSuggestion.of(List.of(usage("250", null, 500, 5)), List.of(plan()));
        assertThat(suggestions).singleElement().satisfies(suggestion -> {
            assertThat(suggestion.planned().bytes()).isEqualTo(100);
            assertThat(suggestion.delete()).containsExactly("quay.io/acme/keystone@sha256:" + "c".repeat(64),
                    "quay.io/acme/keystone@sha256:" + "b".repeat(64));
            assertThat(suggestion.enough()).isTrue();
            assertThat(suggestion.describe()).contains("delete quay.io/acme/keystone@sha256:ccc").contains("get under");
        });
    }

    @Test
    void whenWhatIsDeployedOrProtectedAloneIsOver_itSaysToRaiseTheQuota() {
        QuotaSuggestion suggestion = QuotaSuggestion.of(List.of(usage(null, 1, 500, 5)), List.of(plan())).get(0);
        assertThat(suggestion.delete()).hasSize(2);
        assertThat(suggestion.enough()).isFalse();
        assertThat(suggestion.describe()).contains("raise the quota");
    }

    @Test
    void aQuotaThatIsKept_getsNoSuggestion_andOneThePolicyFixesGetsNoExtraDeletion() {
        assertThat(QuotaSuggestion.of(List.of(usage("1GiB", null, 500, 5)), List.of(plan()))).isEmpty();
        QuotaSuggestion fixed = QuotaSuggestion.of(List.of(usage("400", null, 500, 5)), List.of(plan())).get(0);
        assertThat(fixed.delete()).isEmpty();
        assertThat(fixed.describe()).contains("the deletions above bring it under");
    }
}
