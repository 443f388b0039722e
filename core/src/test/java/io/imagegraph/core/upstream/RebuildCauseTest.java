package io.imagegraph.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RebuildCauseTest {

    private static final String D1 = "sha256:" + "1".repeat(64);
    private static final String D2 = "sha256:" + "2".repeat(64);

    private static UpstreamCheck check(String watch, boolean policy, UpstreamCheck.Status status, String previousTag,
                                       String tag) {
        return new UpstreamCheck(watch, "docker.io/library/x", policy, status, tag, D2, previousTag, D1, "polled");
    }

    @Test
    void of_nothingMoved_isEmpty_andFirstSeenStartsNothing() {
        assertThat(RebuildCause.of(List.of(check("debian:12", false, UpstreamCheck.Status.UNCHANGED, "12", "12"),
                check("alpine:3", false, UpstreamCheck.Status.FIRST_SEEN, null, "3")))).isEmpty();
    }

    @Test
    void description_fixedTag_givesTheDigestsBeforeAndNow() {
        RebuildCause cause = RebuildCause.of(List.of(check("debian:12", false, UpstreamCheck.Status.MOVED, "12", "12"),
                check("alpine:3", false, UpstreamCheck.Status.UNCHANGED, "3", "3"))).orElseThrow();
        assertThat(cause.moved()).hasSize(1);
        assertThat(cause.description())
                .isEqualTo("Upstream image moved: debian:12 (sha256:111111111111… → sha256:222222222222…)");
    }

    @Test
    void description_policy_givesTheTagsBeforeAndNow() {
        RebuildCause cause = RebuildCause.of(List.of(
                check("docker.io/library/alpine semver=~3.20", true, UpstreamCheck.Status.MOVED, "3.20.1", "3.20.2"),
                check("debian:12", false, UpstreamCheck.Status.MOVED, "12", "12"))).orElseThrow();
        assertThat(cause.description()).startsWith("Upstream images moved: docker.io/library/alpine semver=~3.20"
                + " (3.20.1 → 3.20.2), debian:12 (");
    }

    @Test
    void pinsJson_readsBackAsTheMovedDigests() {
        RebuildCause cause = RebuildCause.of(List.of(check("debian:12", false, UpstreamCheck.Status.MOVED, "12", "12"),
                check("alpine:3", false, UpstreamCheck.Status.UNCHANGED, "3", "3"))).orElseThrow();
        List<UpstreamDigest> pins = RebuildCause.pinsFromJson(cause.pinsJson(java.time.Instant.EPOCH));
        assertThat(pins).singleElement().satisfies(pin -> {
            assertThat(pin.watch()).isEqualTo("debian:12");
            assertThat(pin.digest()).isEqualTo(D2);
            assertThat(pin.via()).isEqualTo("trigger");
        });
    }

    @Test
    void pinsFromJson_notAList_isRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RebuildCause.pinsFromJson("{\"a\": 1}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a list of upstream digests");
    }
}
