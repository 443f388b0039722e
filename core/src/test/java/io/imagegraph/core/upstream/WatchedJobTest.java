package io.imagegraph.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.testing.RegistryExtension;
import io.imagegraph.core.testing.TestImages;
import io.imagegraph.core.track.TagHistory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A job's watches polled against a real registry, and told of pushes. */
class WatchedJobTest {

    private static final String SECRET = "0123456789abcdef-shared";
    private static final UpstreamSettings EVERY_TIME = new UpstreamSettings(Duration.ZERO, 100, List.of());

    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    @TempDir
    Path state;

    private WatchedJob job(String... keys) {
        return new WatchedJob(List.of(keys), StateDirectory.at(state), REGISTRY.registries(), Clock.systemUTC());
    }

    @Test
    void poll_firstSeen_startsNothing_thenAMovedTag_startsTheJob() throws Exception {
        String repository = RegistryExtension.unique("wj", "base");
        TestImages.push(REGISTRY.client(), repository, "12", "first");
        WatchedJob job = job(REGISTRY.host() + "/" + repository + ":12");

        assertThat(job.poll(EVERY_TIME)).isEmpty();
        assertThat(job.poll(EVERY_TIME)).isEmpty();
        Manifest moved = TestImages.push(REGISTRY.client(), repository, "12", "second");
        RebuildCause cause = job.poll(EVERY_TIME).orElseThrow();

        assertThat(cause.moved()).singleElement().satisfies(check ->
                assertThat(check.digest()).isEqualTo(moved.digest().toString()));
        assertThat(cause.description()).startsWith("Upstream image moved: " + REGISTRY.host() + "/" + repository + ":12");
        assertThat(TagHistory.in(StateDirectory.at(state)).events()).isNotEmpty();
    }

    @Test
    void receive_pushOfAWatchedTag_thatMoved_startsTheJob() throws Exception {
        String repository = RegistryExtension.unique("wj", "debian");
        String watch = REGISTRY.host() + "/" + repository + ":12";
        Manifest old = TestImages.push(REGISTRY.client(), repository, "12", "old");
        WatchedJob job = job(watch);
        UpstreamState.in(StateDirectory.at(state)).record(List.of(new UpstreamDigest(watch,
                REGISTRY.host() + "/" + repository, "12", old.digest().toString(), null, null, "t", "poll")));
        Manifest moved = TestImages.push(REGISTRY.client(), repository, "12", "new");
        Optional<RebuildCause> cause = job.receive(WebhookSecret.of(SECRET),
                Map.of("Authorization", List.of("Bearer " + SECRET)), Optional.empty(),
                WebhookReceiverTest.distributionPush(REGISTRY.host(), repository, "12", moved.digest().toString()));
        assertThat(cause).hasValueSatisfying(rebuild -> assertThat(rebuild.moved()).singleElement()
                .satisfies(check -> assertThat(check.digest()).isEqualTo(moved.digest().toString())));
    }

    @Test
    void baseline_afterTheFirstBuild_makesTheFirstPushAfterItStartTheJob() throws Exception {
        String repository = RegistryExtension.unique("wj", "first");
        String watch = REGISTRY.host() + "/" + repository + ":12";
        Manifest built = TestImages.push(REGISTRY.client(), repository, "12", "built-on");
        WatchedJob job = job(watch);

        assertThat(job.baseline()).singleElement().satisfies(check -> {
            assertThat(check.status()).isEqualTo(UpstreamCheck.Status.FIRST_SEEN);
            assertThat(check.digest()).isEqualTo(built.digest().toString());
        });
        assertThat(job.baseline()).as("known watches are not asked again").isEmpty();
        Manifest moved = TestImages.push(REGISTRY.client(), repository, "12", "moved");
        Optional<RebuildCause> cause = job.receive(WebhookSecret.of(SECRET),
                Map.of("Authorization", List.of("Bearer " + SECRET)), Optional.empty(),
                WebhookReceiverTest.distributionPush(REGISTRY.host(), repository, "12", moved.digest().toString()));

        assertThat(cause).hasValueSatisfying(rebuild -> assertThat(rebuild.moved()).singleElement()
                .satisfies(check -> assertThat(check.previousDigest()).isEqualTo(built.digest().toString())));
    }

    @Test
    void receive_firstPushWithoutABaseline_startsNothing() throws Exception {
        String repository = RegistryExtension.unique("wj", "nobase");
        Manifest pushed = TestImages.push(REGISTRY.client(), repository, "12", "only");
        Optional<RebuildCause> cause = job(REGISTRY.host() + "/" + repository + ":12").receive(WebhookSecret.of(SECRET),
                Map.of("Authorization", List.of("Bearer " + SECRET)), Optional.empty(),
                WebhookReceiverTest.distributionPush(REGISTRY.host(), repository, "12", pushed.digest().toString()));
        assertThat(cause).isEmpty();
    }

    @Test
    void receive_wrongSecret_isRejected() {
        WatchedJob job = job("127.0.0.1:5000/library/debian:12");
        assertThatThrownBy(() -> job.receive(WebhookSecret.of(SECRET), Map.of(), Optional.of("wrong-secret-value"),
                WebhookPayloadsTest.fixture("distribution-push.json")))
                .isInstanceOf(WebhookRejectedException.class);
    }

    @Test
    void constructor_keyThatIsNotAWatch_isRefused() {
        assertThatThrownBy(() -> job("alpine semver=soon")).isInstanceOf(IllegalArgumentException.class);
    }
}
