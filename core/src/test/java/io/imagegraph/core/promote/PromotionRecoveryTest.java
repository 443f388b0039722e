package io.imagegraph.core.promote;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.CredentialResolver;
import io.imagegraph.core.registry.DistributionRegistries;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.registry.RetryPolicy;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.testing.FaultyProxy;
import io.imagegraph.core.testing.LoopbackRegistry;
import io.imagegraph.core.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Promotions cut short by faults injected for real: a {@link FaultyProxy} in front of the CNCF
 * registry answers 500 or 429, drops connections, drops the answer of a PUT the registry applied,
 * fails the rollback's PUTs too, or the registry itself is stopped after the Nth PUT (and perhaps
 * started again after a pause). Each run must end, after at most one recovery, with every target
 * tag all new or all old, as read from the registry directly; the matrix writes its figure to
 * {@code target/promotion-fault-runs.txt} (docs/reliability.md quotes it).
 */
class PromotionRecoveryTest {

    private static final int IMAGES = 6;
    private static final RetryPolicy QUICK = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10));
    /** Retries that outlast a registry away for a second: 200 + 400 + 800 + 1600 ms. */
    private static final RetryPolicy PATIENT = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(2));
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final AtomicInteger CONVERGED = new AtomicInteger();

    private static LoopbackRegistry server;

    @TempDir
    Path state;

    @BeforeAll
    static void start() throws Exception {
        server = LoopbackRegistry.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        Path figure = Path.of("target", "promotion-fault-runs.txt");
        Files.createDirectories(figure.getParent());
        Files.writeString(figure, "promotion fault runs converged: " + CONVERGED.get() + " / " + RUNS.get() + "\n");
    }

    /** What to do to the proxy (and registry) before the promotion starts. */
    @FunctionalInterface
    private interface Fault {
        void inject(FaultyProxy proxy, String ns) throws Exception;
    }

    private static String put(String ns, int image) {
        return "PUT /v2/" + ns + "/img" + image + "/manifests/latest";
    }

    private static Runnable stopRegistry() {
        return () -> {
            try {
                server.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private static Runnable stopRegistryFor(Duration pause) {
        return () -> {
            stopRegistry().run();
            Thread restart = new Thread(() -> {
                try {
                    Thread.sleep(pause.toMillis());
                    server.restart();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            restart.start();
        };
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                run("500 on the 4th PUT", End.OLD, 1, QUICK, true, (p, ns) -> p.answer(put(ns, 3), 500, QUICK.attempts())),
                run("500 on the 4th PUT, 4 at once", End.OLD, 4, QUICK, true, (p, ns) -> p.answer(put(ns, 3), 500, 20)),
                run("429 with Retry-After once on the 3rd PUT", End.NEW, 1, QUICK, true,
                        (p, ns) -> p.answer(put(ns, 2), 429, 1, "0")),
                run("429 on every attempt of the 4th PUT", End.OLD, 1, QUICK, true,
                        (p, ns) -> p.answer(put(ns, 3), 429, QUICK.attempts(), "0")),
                run("answer dropped after the registry applied the last PUT", End.NEW, 1, QUICK, true,
                        (p, ns) -> p.applyThenDrop(put(ns, 5), QUICK.attempts())),
                run("answer dropped after the registry applied the 3rd PUT", End.OLD, 1, QUICK, true,
                        (p, ns) -> p.applyThenDrop(put(ns, 2), QUICK.attempts())),
                run("connection dropped on the 2nd PUT", End.OLD, 1, QUICK, true,
                        (p, ns) -> p.drop(put(ns, 1), QUICK.attempts())),
                run("every PUT from the 4th on fails, rollback too", End.RECOVERED_OLD, 1, QUICK, true,
                        (p, ns) -> p.failFrom("PUT /v2/" + ns + "/", 4, 500)),
                run("every PUT from the 4th on dropped, rollback too, 3 at once", End.RECOVERED_OLD, 3, QUICK, true,
                        (p, ns) -> p.failFrom("PUT /v2/" + ns + "/", 4, 0)),
                run("rollback PUT of the 1st tag fails", End.RECOVERED_OLD, 1, QUICK, true, (p, ns) -> {
                    p.answer(put(ns, 3), 500, QUICK.attempts());
                    p.failFrom(put(ns, 0), 2, 503);
                }),
                run("registry stopped after the 3rd PUT", End.RECOVERED_OLD, 1, QUICK, true,
                        (p, ns) -> p.afterApplied("PUT /v2/" + ns + "/", 3, stopRegistry())),
                run("registry stopped after the 2nd PUT, 4 at once", End.RECOVERED_OLD, 4, QUICK, true,
                        (p, ns) -> p.afterApplied("PUT /v2/" + ns + "/", 2, stopRegistry())),
                run("registry back a second after it stopped at the 3rd PUT", End.NEW, 1, PATIENT, true,
                        (p, ns) -> p.afterApplied("PUT /v2/" + ns + "/", 3, stopRegistryFor(Duration.ofSeconds(1)))),
                run("500 on the 3rd PUT of new tags", End.NEW, 1, QUICK, false,
                        (p, ns) -> p.answer(put(ns, 2), 500, QUICK.attempts())),
                run("registry stopped after the 2nd PUT of new tags", End.RECOVERED_NEW, 1, QUICK, false,
                        (p, ns) -> p.afterApplied("PUT /v2/" + ns + "/", 2, stopRegistry())),
                run("500 on the 4th PUT and the first read-back of every tag dropped", End.OLD, 1, QUICK, true, (p, ns) -> {
                    p.answer(put(ns, 3), 500, QUICK.attempts());
                    for (int i = 0; i < IMAGES; i++) {
                        p.drop("HEAD /v2/" + ns + "/img" + i + "/manifests/latest", QUICK.attempts());
                    }
                }));
    }

    /** How a run is expected to end: settled by the promotion itself, or by the one recovery after it. */
    private enum End { NEW, OLD, RECOVERED_NEW, RECOVERED_OLD }

    private static Arguments run(String name, End end, int parallelism, RetryPolicy retry, boolean tagsExist,
                                 Fault fault) {
        return Arguments.of(name, end, parallelism, retry, tagsExist, fault);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void faultRun_endsAllNewOrAllOld_afterAtMostOneRecovery(String name, End end, int parallelism, RetryPolicy retry,
                                                           boolean tagsExist, Fault fault) throws Exception {
        RUNS.incrementAndGet();
        String ns = "f" + Long.toHexString(System.nanoTime());
        Registry direct = new DistributionRegistries(CredentialResolver.anonymous(), Set.of(), QUICK)
                .named(server.host());
        try (FaultyProxy proxy = FaultyProxy.in(server.host())) {
            Registries viaProxy = new DistributionRegistries(CredentialResolver.anonymous(), Set.of(), retry);
            List<PromotionSource> sources = new ArrayList<>();
            List<Optional<Digest>> old = new ArrayList<>();
            List<Digest> tested = new ArrayList<>();
            for (int i = 0; i < IMAGES; i++) {
                String repository = ns + "/img" + i;
                old.add(tagsExist ? Optional.of(TestImages.push(direct, repository, "latest", "old " + i).digest())
                        : Optional.empty());
                Manifest manifest = TestImages.push(direct, repository, "test", "new " + i);
                tested.add(manifest.digest());
                sources.add(new PromotionSource("img" + i, new ImageLocation(proxy.host(),
                        RepositoryName.of(repository)), "test", manifest.digest()));
            }
            PromotionJournal journal = PromotionJournal.in(StateDirectory.at(state), state.toString());
            Promoter promoter = new Promoter(viaProxy, parallelism, journal, "run-" + ns, Clock.systemUTC());
            PromotionPlan plan = promoter.plan(sources, PromotionTarget.tags("latest"), Map.of());
            fault.inject(proxy, ns);
            PromotionReport report = promoter.apply(plan);
            boolean pending = report.count(MoveStatus.PENDING) > 0;
            assertThat(pending).as("pending rows and journal agree: %s", report.conclusion())
                    .isEqualTo(!journal.open().isEmpty());
            if (pending) {
                proxy.heal();
                if (!server.answersNow()) {
                    server.restart();
                }
                List<PromotionRecovery.Recovered> recovered = new PromotionRecovery(viaProxy, journal, parallelism)
                        .recover(location -> true);
                assertThat(recovered).singleElement().satisfies(r -> assertThat(r.isSettled()).as(r.conclusion()).isTrue());
            }
            assertThat(journal.open()).isEmpty();
            List<Optional<Digest>> now = new ArrayList<>();
            for (int i = 0; i < IMAGES; i++) {
                now.add(direct.head(RepositoryName.of(ns + "/img" + i), "latest").map(d -> d.digest()));
            }
            List<Optional<Digest>> allNew = tested.stream().map(Optional::of).toList();
            assertThat(now).as("every tag all new or all old after %s: %s", name, report.moves())
                    .satisfiesAnyOf(tags -> assertThat(tags).isEqualTo(allNew), tags -> assertThat(tags).isEqualTo(old));
            if (!pending) {
                assertThat(report.succeeded()).as("the report says what the registry has").isEqualTo(now.equals(allNew));
            }
            CONVERGED.incrementAndGet();
            End ended = pending ? (now.equals(allNew) ? End.RECOVERED_NEW : End.RECOVERED_OLD)
                    : now.equals(allNew) ? End.NEW : End.OLD;
            assertThat(ended).as("how %s ended: %s", name, report.conclusion()).isEqualTo(end);
        } finally {
            if (!server.answersNow()) {
                server.restart();
            }
        }
    }

    @Test
    void recover_pendingPromotionWhoseTagsAllMoved_isCompleteAndLeavesTheJournal() throws Exception {
        String ns = "c" + Long.toHexString(System.nanoTime());
        Registries registries = new DistributionRegistries(CredentialResolver.anonymous(), Set.of(), QUICK);
        Registry registry = registries.named(server.host());
        Manifest old = TestImages.push(registry, ns + "/a", "latest", "old");
        Manifest tested = TestImages.push(registry, ns + "/a", "latest", "new");
        PromotionJournal journal = PromotionJournal.in(StateDirectory.at(state), state.toString());
        journal.open(new PromotionIntent("one", "run-9", "2026-12-01T00:00:00Z", PromotionIntent.MOVING,
                List.of(new IntendedTag("a", server.host(), ns + "/a", "latest", old.digest().toString(),
                        tested.digest().toString()))));
        List<PromotionRecovery.Recovered> recovered = new PromotionRecovery(registries, journal, 1).recover(l -> true);
        assertThat(recovered).singleElement().satisfies(r -> {
            assertThat(r.report().succeeded()).isTrue();
            assertThat(r.conclusion()).contains("is complete");
        });
        assertThat(journal.open()).isEmpty();
    }

    @Test
    void recover_onlyTouchesPromotionsOfTheRepositoriesAsked() throws Exception {
        PromotionJournal journal = PromotionJournal.in(StateDirectory.at(state), state.toString());
        journal.open(new PromotionIntent("elsewhere", "run-1", "2026-12-01T00:00:00Z", PromotionIntent.PENDING,
                List.of(new IntendedTag("a", "127.0.0.1:1", "x/a", "latest", null, "sha256:" + "a".repeat(64)))));
        Registries registries = new DistributionRegistries(CredentialResolver.anonymous(), Set.of(), QUICK);
        assertThat(new PromotionRecovery(registries, journal, 1).recover(location -> false)).isEmpty();
        assertThat(journal.open()).extracting(PromotionIntent::id).containsExactly("elsewhere");
    }
}
