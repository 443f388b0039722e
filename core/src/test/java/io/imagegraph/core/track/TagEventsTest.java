package io.imagegraph.core.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.ImageResult;
import io.imagegraph.core.build.ImageStatus;
import io.imagegraph.core.promote.ImageLocation;
import io.imagegraph.core.promote.MoveResult;
import io.imagegraph.core.promote.MoveStatus;
import io.imagegraph.core.promote.PromotionReport;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.upstream.UpstreamCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TagEventsTest {

    private static final String D1 = TagHistoryTest.digest(1);
    private static final String D2 = TagHistoryTest.digest(2);

    private static ImageResult result(String name, ImageStatus status, Optional<String> digest, String... tags) {
        return new ImageResult(name, status, Optional.of("sha256:" + "e".repeat(64)), digest, List.of(tags),
                "sha256:" + "a".repeat(64), Duration.ofSeconds(1), Optional.empty(), "", 1);
    }

    @Test
    void ofBuild_recordsEachPushedRegistryTagButNotTheInputDigestTag() {
        BuildReport report = new BuildReport("run-7", Instant.parse("2026-11-24T10:00:00Z"),
                Instant.parse("2026-11-24T10:05:00Z"), List.of(
                result("base", ImageStatus.REUSED, Optional.of(D1), "quay.io/acme/base:pr-1",
                        "quay.io/acme/base:input-sha256-" + "a".repeat(64)),
                result("app", ImageStatus.BUILT, Optional.of(D2), "quay.io/acme/app:pr-1"),
                result("local", ImageStatus.BUILT, Optional.empty(), "acme/local:pr-1"),
                result("broken", ImageStatus.FAILED, Optional.empty())));
        List<TagEvent> events = TagEvents.ofBuild(report);
        assertThat(events).extracting(TagEvent::reference)
                .containsExactly("quay.io/acme/base:pr-1", "quay.io/acme/app:pr-1");
        assertThat(events).extracting(TagEvent::cause).containsExactly(TagCause.REUSED, TagCause.BUILT);
        assertThat(events.get(1).digest()).isEqualTo(D2);
        assertThat(events.get(1).runId()).isEqualTo("run-7");
        assertThat(events.get(1).time()).isEqualTo("2026-11-24T10:05:00Z");
    }

    @Test
    void ofPromotion_recordsMovedTagsWithTheirPreviousDigest_andNothingRolledBack() {
        ImageLocation to = new ImageLocation("quay.io", RepositoryName.of("acme/app"));
        PromotionReport report = new PromotionReport(false, true, List.of(), null, List.of(
                new MoveResult("app", to, "latest", Optional.of(Digest.of(D1)), Digest.of(D2), MoveStatus.MOVED, "moved"),
                new MoveResult("app", to, "stable", Optional.empty(), Digest.of(D2), MoveStatus.ROLLED_BACK, "put back"),
                new MoveResult("app", to, "2026.2", Optional.empty(), Digest.of(D2), MoveStatus.UNCHANGED, "same")));
        List<TagEvent> events = TagEvents.ofPromotion(report, "run-7", Instant.parse("2026-11-24T11:00:00Z"));
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.reference()).isEqualTo("quay.io/acme/app:latest");
            assertThat(event.previous()).isEqualTo(D1);
            assertThat(event.cause()).isEqualTo(TagCause.PROMOTED);
        });
    }

    @Test
    void ofUpstream_recordsFirstSeenAndMovedTags_notUnchangedOrFailedOnes() {
        List<TagEvent> events = TagEvents.ofUpstream(List.of(
                new UpstreamCheck("docker.io/library/debian:12", "docker.io/library/debian", false,
                        UpstreamCheck.Status.MOVED, "12", D2, "12", D1, "12 moved"),
                new UpstreamCheck("docker.io/library/alpine:3", "docker.io/library/alpine", false,
                        UpstreamCheck.Status.UNCHANGED, "3", D1, "3", D1, "unchanged"),
                new UpstreamCheck("quay.io/x/y:1", "quay.io/x/y", false, UpstreamCheck.Status.FAILED, null, null, null,
                        null, "gone")), Instant.parse("2026-11-24T12:00:00Z"));
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.reference()).isEqualTo("docker.io/library/debian:12");
            assertThat(event.cause()).isEqualTo(TagCause.IMPORTED);
            assertThat(event.previous()).isEqualTo(D1);
        });
    }
}
