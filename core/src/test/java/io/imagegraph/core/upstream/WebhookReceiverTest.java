package io.imagegraph.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.registry.CredentialResolver;
import io.imagegraph.core.registry.DistributionRegistries;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.RetryPolicy;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.testing.LoopbackRegistry;
import io.imagegraph.core.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookReceiverTest {

    private static final String SECRET = "0123456789abcdef-shared";
    private static final Map<String, List<String>> SIGNED = Map.of("Authorization", List.of("Bearer " + SECRET));
    private static final Registries NO_REGISTRY = name -> {
        throw new AssertionError("no registry look-up expected, asked for " + name);
    };

    @TempDir
    Path state;

    private WebhookReceiver receiver(List<UpstreamWatch> watches, Registries registries) {
        return new WebhookReceiver(WebhookSecret.of(SECRET), watches, registries,
                UpstreamState.in(StateDirectory.at(state)), Clock.systemUTC());
    }

    @Test
    void distributionPushOfAWatchedTag_isRecordedWithItsDigest() throws Exception {
        UpstreamWatch watch = UpstreamWatch.of("127.0.0.1:5000/library/debian:12", null, null);
        WebhookReceiver.Outcome outcome = receiver(List.of(watch), NO_REGISTRY).receive(SIGNED, Optional.empty(),
                WebhookPayloadsTest.fixture("distribution-push.json"));
        assertThat(outcome.checks()).singleElement().satisfies(check ->
                assertThat(check.status()).isEqualTo(UpstreamCheck.Status.FIRST_SEEN));
        UpstreamDigest recorded = UpstreamState.in(StateDirectory.at(state)).current().get(watch.key());
        assertThat(recorded.digest()).startsWith("sha256:3c2e8ab2");
        assertThat(recorded.via()).isEqualTo("webhook:distribution");
    }

    @Test
    void pushOfATagNobodyWatches_isIgnoredAndRecordsNothing() throws Exception {
        WebhookReceiver.Outcome outcome = receiver(List.of(UpstreamWatch.of("127.0.0.1:5000/library/debian:11", null,
                null)), NO_REGISTRY).receive(SIGNED, Optional.empty(), WebhookPayloadsTest.fixture("distribution-push.json"));
        assertThat(outcome.checks()).isEmpty();
        assertThat(outcome.ignored()).containsExactly("127.0.0.1:5000/library/debian:12");
        assertThat(UpstreamState.in(StateDirectory.at(state)).changes()).isEmpty();
    }

    @Test
    void wrongSecret_changesNothing() throws Exception {
        WebhookReceiver receiver = receiver(List.of(UpstreamWatch.of("127.0.0.1:5000/library/debian:12", null, null)),
                NO_REGISTRY);
        assertThatThrownBy(() -> receiver.receive(Map.of("Authorization", List.of("Bearer not-the-secret-at-all")),
                Optional.empty(), WebhookPayloadsTest.fixture("distribution-push.json")))
                .isInstanceOf(WebhookRejectedException.class);
        assertThat(UpstreamState.in(StateDirectory.at(state)).changes()).isEmpty();
    }

    @Test
    void quayStylePushWithoutDigest_asksTheRegistry_andAPolicyMovesToANewerTag() throws Exception {
        try (LoopbackRegistry server = LoopbackRegistry.start()) {
            Registries registries = new DistributionRegistries(CredentialResolver.anonymous(), Set.of(),
                    new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10)));
            TestImages.push(registries.named(server.host()), "centos/centos", "stream9-20261101.0", "old");
            Manifest newer = TestImages.push(registries.named(server.host()), "centos/centos", "stream9-20261120.0",
                    "new");
            UpstreamWatch policy = UpstreamWatch.of(server.host() + "/centos/centos", "stream9-\\d{8}\\.\\d+", null);
            UpstreamState.in(StateDirectory.at(state)).record(List.of(new UpstreamDigest(policy.key(),
                    policy.repository().toString(), "stream9-20261101.0", "sha256:" + "0".repeat(64), null, null, "t",
                    "poll")));
            String payload = "{\"docker_url\": \"" + server.host() + "/centos/centos\", \"updated_tags\":"
                    + " [\"stream9\", \"stream9-20261120.0\"]}";
            WebhookReceiver.Outcome outcome = receiver(List.of(policy), registries).receive(Map.of(),
                    Optional.of(SECRET), payload.getBytes(StandardCharsets.UTF_8));
            assertThat(outcome.checks()).singleElement().satisfies(check -> {
                assertThat(check.status()).isEqualTo(UpstreamCheck.Status.MOVED);
                assertThat(check.tag()).isEqualTo("stream9-20261120.0");
                assertThat(check.digest()).isEqualTo(newer.digest().toString());
            });
            assertThat(outcome.ignored()).containsExactly(server.host() + "/centos/centos:stream9");
        }
    }
}
