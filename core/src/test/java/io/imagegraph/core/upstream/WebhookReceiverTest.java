package io.imagegraph.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.ref.RepositoryName;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

    private WebhookReceiver receiver(List<UpstreamWatch> watches, Registries registries, Duration settling) {
        return new WebhookReceiver(WebhookSecret.of(SECRET), watches, registries,
                UpstreamState.in(StateDirectory.at(state)), Clock.systemUTC(), settling);
    }

    private static Registries loopback() {
        return new DistributionRegistries(CredentialResolver.anonymous(), Set.of(),
                new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10)));
    }

    /** A distribution registry's notification of a push of repository:tag at digest, as it sends it. */
    static byte[] distributionPush(String host, String repository, String tag, String digest) {
        return ("{\"events\": [{\"action\": \"push\", \"target\": {\"mediaType\":"
                + " \"application/vnd.docker.distribution.manifest.v2+json\", \"digest\": \"" + digest
                + "\", \"repository\": \"" + repository + "\", \"tag\": \"" + tag + "\"},"
                + " \"request\": {\"host\": \"" + host + "\", \"method\": \"PUT\"}}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void distributionPushOfAWatchedTag_isRecordedWithTheDigestTheRegistryConfirms() throws Exception {
        try (LoopbackRegistry server = LoopbackRegistry.start()) {
            Manifest pushed = TestImages.push(loopback().named(server.host()), "library/debian", "12", "debian");
            UpstreamWatch watch = UpstreamWatch.of(server.host() + "/library/debian:12", null, null);
            WebhookReceiver.Outcome outcome = receiver(List.of(watch), loopback()).receive(SIGNED, Optional.empty(),
                    distributionPush(server.host(), "library/debian", "12", pushed.digest().toString()));
            assertThat(outcome.checks()).singleElement().satisfies(check ->
                    assertThat(check.status()).isEqualTo(UpstreamCheck.Status.FIRST_SEEN));
            UpstreamDigest recorded = UpstreamState.in(StateDirectory.at(state)).current().get(watch.key());
            assertThat(recorded.digest()).isEqualTo(pushed.digest().toString());
            assertThat(recorded.via()).isEqualTo("webhook:distribution");
        }
    }

    @Test
    void distributionPushWithABogusDigest_recordsOnlyTheDigestTheRegistryHas() throws Exception {
        try (LoopbackRegistry server = LoopbackRegistry.start()) {
            Manifest real = TestImages.push(loopback().named(server.host()), "library/debian", "12", "debian");
            UpstreamWatch watch = UpstreamWatch.of(server.host() + "/library/debian:12", null, null);
            UpstreamState upstream = UpstreamState.in(StateDirectory.at(state));
            upstream.record(List.of(new UpstreamDigest(watch.key(), watch.repository().toString(), "12",
                    real.digest().toString(), null, null, "t", "poll")));
            String bogus = "sha256:" + "0".repeat(64);
            WebhookReceiver.Outcome outcome = receiver(List.of(watch), loopback()).receive(SIGNED, Optional.empty(),
                    distributionPush(server.host(), "library/debian", "12", bogus));
            assertThat(outcome.checks()).singleElement().satisfies(check -> {
                assertThat(check.status()).isEqualTo(UpstreamCheck.Status.UNCHANGED);
                assertThat(check.reason()).contains("the payload said " + bogus + ", the registry has " + real.digest());
            });
            assertThat(upstream.changes()).extracting(UpstreamDigest::digest).containsExactly(real.digest().toString());
        }
    }

    @Test
    void distributionPushOfATagAndDigestTheRegistryDoesNotHave_isIgnoredAtOnceAndRecordsNothing() throws Exception {
        try (LoopbackRegistry server = LoopbackRegistry.start()) {
            UpstreamWatch watch = UpstreamWatch.of(server.host() + "/library/debian:12", null, null);
            long started = System.nanoTime();
            WebhookReceiver.Outcome outcome = receiver(List.of(watch), loopback(), Duration.ofMinutes(2))
                    .receive(SIGNED, Optional.empty(),
                            distributionPush(server.host(), "library/debian", "12", "sha256:" + "0".repeat(64)));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(1));
            assertGoneAndNothingRecorded(outcome, server.host() + "/library/debian:12");
        }
    }

    private void assertGoneAndNothingRecorded(WebhookReceiver.Outcome outcome, String reference) throws Exception {
        assertThat(outcome.checks()).isEmpty();
        assertThat(outcome.ignored()).containsExactly(reference + " (no longer in the registry)");
        assertThat(UpstreamState.in(StateDirectory.at(state)).changes()).isEmpty();
    }

    @Test
    void distributionPushNotifiedBeforeItsTagIsLinked_waitsForTheTag_andRecordsIt() throws Exception {
        try (LoopbackRegistry server = LoopbackRegistry.start()) {
            Registries registries = loopback();
            Manifest pushed = TestImages.push(registries.named(server.host()), "library/debian", "staging", "debian");
            UpstreamWatch watch = UpstreamWatch.of(server.host() + "/library/debian:12", null, null);
            ExecutorService tagger = Executors.newSingleThreadExecutor();
            try {
                Future<?> linked = tagger.submit(() -> {
                    Thread.sleep(400);
                    return registries.named(server.host()).putManifest(
                            RepositoryName.of("library/debian"), "12", pushed);
                });
                WebhookReceiver.Outcome outcome = receiver(List.of(watch), registries, Duration.ofSeconds(30))
                        .receive(SIGNED, Optional.empty(),
                                distributionPush(server.host(), "library/debian", "12", pushed.digest().toString()));
                linked.get(30, TimeUnit.SECONDS);
                assertThat(outcome.ignored()).isEmpty();
                assertThat(outcome.checks()).singleElement().satisfies(check ->
                        assertThat(check.status()).isEqualTo(UpstreamCheck.Status.FIRST_SEEN));
            } finally {
                tagger.shutdownNow();
            }
            assertThat(UpstreamState.in(StateDirectory.at(state)).current().get(watch.key()).digest())
                    .isEqualTo(pushed.digest().toString());
        }
    }

    @Test
    void distributionPushWhoseManifestIsStoredButWhoseTagNeverAppears_isIgnoredAfterSettling() throws Exception {
        try (LoopbackRegistry server = LoopbackRegistry.start()) {
            Manifest stored = TestImages.push(loopback().named(server.host()), "library/debian", "staging", "debian");
            UpstreamWatch watch = UpstreamWatch.of(server.host() + "/library/debian:12", null, null);
            WebhookReceiver.Outcome outcome = receiver(List.of(watch), loopback(), Duration.ofMillis(300))
                    .receive(SIGNED, Optional.empty(),
                            distributionPush(server.host(), "library/debian", "12", stored.digest().toString()));
            assertGoneAndNothingRecorded(outcome, server.host() + "/library/debian:12");
        }
    }

    @Test
    void distributionPushWhenTheRegistryDoesNotAnswer_isRejected502AndRecordsNothing() throws Exception {
        UpstreamWatch watch = UpstreamWatch.of("127.0.0.1:1/library/debian:12", null, null);
        assertThatThrownBy(() -> receiver(List.of(watch), loopback()).receive(SIGNED, Optional.empty(),
                distributionPush("127.0.0.1:1", "library/debian", "12", "sha256:" + "0".repeat(64))))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(502))
                .hasMessageContaining("cannot confirm the digest of 127.0.0.1:1/library/debian:12");
        assertThat(UpstreamState.in(StateDirectory.at(state)).changes()).isEmpty();
    }

    @Test
    void fourConcurrentRequestsForOneMove_recordItOnce() throws Exception {
        try (LoopbackRegistry server = LoopbackRegistry.start()) {
            Manifest old = TestImages.push(loopback().named(server.host()), "library/debian", "12", "old");
            UpstreamWatch watch = UpstreamWatch.of(server.host() + "/library/debian:12", null, null);
            UpstreamState upstream = UpstreamState.in(StateDirectory.at(state));
            upstream.record(List.of(new UpstreamDigest(watch.key(), watch.repository().toString(), "12",
                    old.digest().toString(), null, null, "t", "poll")));
            Manifest moved = TestImages.push(loopback().named(server.host()), "library/debian", "12", "new");
            byte[] payload = distributionPush(server.host(), "library/debian", "12", moved.digest().toString());
            WebhookReceiver receiver = receiver(List.of(watch), loopback());
            CyclicBarrier start = new CyclicBarrier(4);
            ExecutorService writers = Executors.newFixedThreadPool(4);
            List<Future<WebhookReceiver.Outcome>> outcomes = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    outcomes.add(writers.submit(() -> {
                        start.await();
                        return receiver.receive(SIGNED, Optional.empty(), payload);
                    }));
                }
                List<UpstreamCheck.Status> statuses = new ArrayList<>();
                for (var outcome : outcomes) {
                    statuses.add(outcome.get(60, TimeUnit.SECONDS).checks().get(0).status());
                }
                assertThat(statuses).containsExactlyInAnyOrder(UpstreamCheck.Status.MOVED,
                        UpstreamCheck.Status.UNCHANGED, UpstreamCheck.Status.UNCHANGED, UpstreamCheck.Status.UNCHANGED);
            } finally {
                writers.shutdownNow();
            }
            assertThat(upstream.changes()).extracting(UpstreamDigest::digest)
                    .containsExactly(old.digest().toString(), moved.digest().toString());
        }
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
