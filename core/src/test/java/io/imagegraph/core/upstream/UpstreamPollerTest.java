package io.imagegraph.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.testing.RegistryExtension;
import io.imagegraph.core.testing.TestImages;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Polling a real CNCF registry on loopback. */
class UpstreamPollerTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();
    private static final Registries registries = REGISTRY.registries();

    @TempDir
    Path state;

    private String ns;
    private Instant now = Instant.parse("2026-11-24T10:00:00Z");

    @BeforeEach
    void namespace() {
        ns = "up" + Long.toHexString(System.nanoTime());
    }

    private Registry registry() throws Exception {
        return registries.named(REGISTRY.host());
    }

    private List<UpstreamCheck> poll(List<UpstreamWatch> watches, UpstreamSettings settings, boolean force)
            throws Exception {
        UpstreamPoller poller = new UpstreamPoller(registries, UpstreamState.in(StateDirectory.at(state)),
                Clock.fixed(now, ZoneOffset.UTC));
        return poller.poll(watches, settings, force);
    }

    private static UpstreamSettings every(Duration interval) {
        return new UpstreamSettings(interval, 100, List.of());
    }

    @Test
    void fixedTag_firstSeen_thenUnchanged_thenMoved() throws Exception {
        Manifest first = TestImages.push(registry(), ns + "/debian", "12", "first");
        UpstreamWatch watch = UpstreamWatch.of(REGISTRY.host() + "/" + ns + "/debian:12", null, null);
        assertThat(poll(List.of(watch), every(Duration.ZERO), false)).singleElement().satisfies(check -> {
            assertThat(check.status()).isEqualTo(UpstreamCheck.Status.FIRST_SEEN);
            assertThat(check.digest()).isEqualTo(first.digest().toString());
        });
        assertThat(poll(List.of(watch), every(Duration.ZERO), false).get(0).status())
                .isEqualTo(UpstreamCheck.Status.UNCHANGED);
        Manifest second = TestImages.push(registry(), ns + "/debian", "12", "second");
        UpstreamCheck moved = poll(List.of(watch), every(Duration.ZERO), false).get(0);
        assertThat(moved.status()).isEqualTo(UpstreamCheck.Status.MOVED);
        assertThat(moved.previousDigest()).isEqualTo(first.digest().toString());
        assertThat(moved.digest()).isEqualTo(second.digest().toString());
        assertThat(UpstreamState.in(StateDirectory.at(state)).current().get(watch.key()).digest())
                .isEqualTo(second.digest().toString());
    }

    @Test
    void fourConcurrentPollsOfOneMove_recordItOnce() throws Exception {
        Manifest first = TestImages.push(registry(), ns + "/debian", "12", "first");
        UpstreamWatch watch = UpstreamWatch.of(REGISTRY.host() + "/" + ns + "/debian:12", null, null);
        poll(List.of(watch), every(Duration.ZERO), true);
        Manifest second = TestImages.push(registry(), ns + "/debian", "12", "second");
        CyclicBarrier start = new CyclicBarrier(4);
        ExecutorService pollers = Executors.newFixedThreadPool(4);
        List<Future<List<UpstreamCheck>>> passes = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                passes.add(pollers.submit(() -> {
                    start.await();
                    return poll(List.of(watch), every(Duration.ZERO), true);
                }));
            }
            List<UpstreamCheck.Status> statuses = new ArrayList<>();
            for (Future<List<UpstreamCheck>> pass : passes) {
                statuses.add(pass.get(60, TimeUnit.SECONDS).get(0).status());
            }
            assertThat(statuses).containsExactlyInAnyOrder(UpstreamCheck.Status.MOVED, UpstreamCheck.Status.UNCHANGED,
                    UpstreamCheck.Status.UNCHANGED, UpstreamCheck.Status.UNCHANGED);
        } finally {
            pollers.shutdownNow();
        }
        assertThat(UpstreamState.in(StateDirectory.at(state)).changes()).extracting(UpstreamDigest::digest)
                .containsExactly(first.digest().toString(), second.digest().toString());
    }

    @Test
    void semverPolicy_followsTheHighestTagInRange_andMovesToANewOne() throws Exception {
        for (String tag : List.of("3.19.4", "3.20.1", "3.20.3", "3.21.0")) {
            TestImages.push(registry(), ns + "/alpine", tag, "alpine " + tag);
        }
        UpstreamWatch watch = UpstreamWatch.of(REGISTRY.host() + "/" + ns + "/alpine", null, ">=3.20.0 <3.21.0");
        assertThat(poll(List.of(watch), every(Duration.ZERO), false).get(0).tag()).isEqualTo("3.20.3");
        Manifest newer = TestImages.push(registry(), ns + "/alpine", "3.20.4", "alpine 3.20.4");
        UpstreamCheck moved = poll(List.of(watch), every(Duration.ZERO), false).get(0);
        assertThat(moved.status()).isEqualTo(UpstreamCheck.Status.MOVED);
        assertThat(moved.previousTag()).isEqualTo("3.20.3");
        assertThat(moved.tag()).isEqualTo("3.20.4");
        assertThat(moved.digest()).isEqualTo(newer.digest().toString());
        assertThat(moved.reason()).isEqualTo("the policy now follows 3.20.4 instead of 3.20.3");
    }

    @Test
    void pollWithinTheInterval_isSkipped_unlessForced() throws Exception {
        TestImages.push(registry(), ns + "/base", "1", "base");
        UpstreamWatch watch = UpstreamWatch.of(REGISTRY.host() + "/" + ns + "/base:1", null, null);
        poll(List.of(watch), every(Duration.ofHours(1)), false);
        now = now.plus(Duration.ofMinutes(10));
        assertThat(poll(List.of(watch), every(Duration.ofHours(1)), false).get(0).status())
                .isEqualTo(UpstreamCheck.Status.SKIPPED);
        assertThat(poll(List.of(watch), every(Duration.ofHours(1)), true).get(0).status())
                .isEqualTo(UpstreamCheck.Status.UNCHANGED);
    }

    @Test
    void requestBudget_defersTheWatchesPastIt() throws Exception {
        List<UpstreamWatch> watches = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestImages.push(registry(), ns + "/b" + i, "1", "b" + i);
            watches.add(UpstreamWatch.of(REGISTRY.host() + "/" + ns + "/b" + i + ":1", null, null));
        }
        List<UpstreamCheck> checks = poll(watches, new UpstreamSettings(Duration.ZERO, 2, List.of()), false);
        assertThat(checks).extracting(UpstreamCheck::status).containsExactly(UpstreamCheck.Status.FIRST_SEEN,
                UpstreamCheck.Status.FIRST_SEEN, UpstreamCheck.Status.DEFERRED);
        assertThat(checks.get(2).reason()).contains("the request budget of 2 for " + REGISTRY.host() + " is spent");
        List<UpstreamCheck> next = poll(watches, new UpstreamSettings(Duration.ZERO, 2, List.of()), false);
        assertThat(next.get(2).status()).isEqualTo(UpstreamCheck.Status.FIRST_SEEN);
    }

    @Test
    void tagThatDoesNotExist_fails_andTheOthersAreStillRecorded() throws Exception {
        TestImages.push(registry(), ns + "/there", "1", "there");
        List<UpstreamCheck> checks = poll(List.of(UpstreamWatch.of(REGISTRY.host() + "/" + ns + "/gone:1", null, null),
                UpstreamWatch.of(REGISTRY.host() + "/" + ns + "/there:1", null, null)), every(Duration.ZERO), false);
        assertThat(checks.get(0).status()).isEqualTo(UpstreamCheck.Status.FAILED);
        assertThat(checks.get(0).reason()).contains("does not exist");
        assertThat(checks.get(1).status()).isEqualTo(UpstreamCheck.Status.FIRST_SEEN);
    }
}
