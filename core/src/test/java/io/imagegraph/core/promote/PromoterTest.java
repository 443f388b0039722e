package io.imagegraph.core.promote;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.CredentialResolver;
import io.imagegraph.core.registry.DistributionRegistries;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.OciLayoutRegistry;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.registry.RetryPolicy;
import io.imagegraph.core.testing.FaultyProxy;
import io.imagegraph.core.testing.LoopbackRegistry;
import io.imagegraph.core.testing.TestImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Promotion by digest against a real CNCF registry on loopback, with faults from a proxy. */
class PromoterTest {

    private static final RetryPolicy QUICK = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10));

    private static LoopbackRegistry server;
    private static Registries registries;

    @TempDir
    Path layoutRoot;

    @TempDir
    Path state;

    private Promoter promoter(Registries through, int parallelism) {
        return new Promoter(through, parallelism, journal(), "run-1", java.time.Clock.systemUTC());
    }

    private PromotionJournal journal() {
        return PromotionJournal.in(io.imagegraph.core.state.StateDirectory.at(state), state.toString());
    }

    @BeforeAll
    static void start() throws Exception {
        server = LoopbackRegistry.start();
        registries = new DistributionRegistries(CredentialResolver.anonymous(), Set.of(), QUICK);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String unique(String prefix) {
        return prefix + Long.toHexString(System.nanoTime());
    }

    private static Registry registry() throws Exception {
        return registries.named(server.host());
    }

    private static PromotionSource tested(String image, String repository, Manifest manifest) {
        return new PromotionSource(image, new ImageLocation(server.host(), RepositoryName.of(repository)), "test",
                manifest.digest());
    }

    /** The plan to move {@code latest} of one tested image, {@code <ns>/base:test}. */
    private static PromotionPlan planLatest(Promoter promoter, String ns, Manifest tested) throws Exception {
        return promoter.plan(List.of(tested("base", ns + "/base", tested)), PromotionTarget.tags("latest"), Map.of());
    }

    private static void assertLatestUntouched(String ns) throws Exception {
        assertThat(tagOf(registry(), ns + "/base", "latest")).as("%s/base:latest", ns).isEmpty();
    }

    private static Optional<Digest> tagOf(Registry registry, String repository, String tag) throws Exception {
        return registry.head(RepositoryName.of(repository), tag).map(d -> d.digest());
    }

    @Test
    void apply_testToLatest_movesExactlyTheTestedDigests() throws Exception {
        String ns = unique("p");
        Manifest oldBase = TestImages.push(registry(), ns + "/base", "latest", "old base");
        Manifest base = TestImages.push(registry(), ns + "/base", "test", "new base");
        Manifest app = TestImages.push(registry(), ns + "/app", "test", "new app");
        Promoter promoter = promoter(registries, 8);
        PromotionPlan plan = promoter.plan(List.of(tested("base", ns + "/base", base), tested("app", ns + "/app", app)),
                PromotionTarget.tags("latest", "2026.2"), Map.of());
        PromotionReport report = promoter.apply(plan);
        assertThat(report.succeeded()).isTrue();
        assertThat(report.count(MoveStatus.MOVED)).isEqualTo(4);
        assertThat(tagOf(registry(), ns + "/base", "latest")).contains(base.digest());
        assertThat(tagOf(registry(), ns + "/app", "2026.2")).contains(app.digest());
        MoveResult baseLatest = report.moves().get(0);
        assertThat(baseLatest.before()).contains(oldBase.digest());
        assertThat(baseLatest.after()).isEqualTo(base.digest());
        assertThat(report.moves().get(2).before()).isEmpty();
    }

    @Test
    void promote_plansAndMovesInOneGo() throws Exception {
        String ns = unique("g");
        Manifest base = TestImages.push(registry(), ns + "/base", "test", "one go");
        PromotionReport report = promoter(registries, 8).promote(List.of(tested("base", ns + "/base", base)),
                PromotionTarget.tags("latest"), Map.of());
        assertThat(report.succeeded()).isTrue();
        assertThat(tagOf(registry(), ns + "/base", "latest")).contains(base.digest());
    }

    @Test
    void apply_again_leavesTagsAtTheTestedDigestUnchanged() throws Exception {
        String ns = unique("u");
        Manifest base = TestImages.push(registry(), ns + "/base", "test", "same");
        Promoter promoter = promoter(registries, 8);
        List<PromotionSource> sources = List.of(tested("base", ns + "/base", base));
        promoter.apply(promoter.plan(sources, PromotionTarget.tags("latest"), Map.of()));
        PromotionReport again = promoter.apply(promoter.plan(sources, PromotionTarget.tags("latest"), Map.of()));
        assertThat(again.succeeded()).isTrue();
        assertThat(again.moves()).extracting(MoveResult::status).containsExactly(MoveStatus.UNCHANGED);
    }

    @Test
    void apply_intoAnotherNamespace_mountsTheBlobsAndKeepsTheDigest() throws Exception {
        String ns = unique("ci");
        String release = unique("release");
        Manifest base = TestImages.push(registry(), ns + "/base", "test", "to release");
        Promoter promoter = promoter(registries, 8);
        PromotionReport report = promoter.apply(promoter.plan(List.of(tested("base", ns + "/base", base)),
                new PromotionTarget(List.of("1.0"), Optional.empty(), Optional.of(release)), Map.of()));
        assertThat(report.succeeded()).as(String.valueOf(report.failure())).isTrue();
        assertThat(tagOf(registry(), release + "/base", "1.0")).contains(base.digest());
    }

    @Test
    void apply_intoAnotherRegistry_copiesTheBlobs() throws Exception {
        String ns = unique("x");
        Manifest base = TestImages.push(registry(), ns + "/base", "test", "to layout");
        OciLayoutRegistry layout = OciLayoutRegistry.at(layoutRoot);
        Registries both = name -> name.equals("layout") ? layout : registries.named(name);
        Promoter promoter = promoter(both, 8);
        PromotionReport report = promoter.apply(promoter.plan(List.of(tested("base", ns + "/base", base)),
                new PromotionTarget(List.of("stable"), Optional.of("layout"), Optional.empty()), Map.of()));
        assertThat(report.succeeded()).as(String.valueOf(report.failure())).isTrue();
        assertThat(layout.head(RepositoryName.of(ns + "/base"), "stable").orElseThrow().digest())
                .isEqualTo(base.digest());
    }

    @Test
    void apply_multiPlatformIndexIntoAnotherRegistry_copiesEveryPlatformAndKeepsTheIndexDigest() throws Exception {
        String ns = unique("m");
        Manifest index = TestImages.pushIndex(registry(), ns + "/base", "test", "multi");
        try (LoopbackRegistry release = LoopbackRegistry.start()) {
            Promoter promoter = promoter(registries, 8);
            PromotionReport report = promoter.apply(promoter.plan(List.of(tested("base", ns + "/base", index)),
                    new PromotionTarget(List.of("2026.2"), Optional.of(release.host()), Optional.empty()), Map.of()));
            assertThat(report.succeeded()).as(String.valueOf(report.failure())).isTrue();
            assertEveryPlatformIn(registries.named(release.host()), ns + "/base", "2026.2", index);
        }
    }

    @Test
    void apply_multiPlatformIndexIntoAnotherNamespace_mountsEveryPlatform() throws Exception {
        String ns = unique("mi");
        String release = unique("mr");
        Manifest index = TestImages.pushIndex(registry(), ns + "/base", "test", "multi in namespace");
        Promoter promoter = promoter(registries, 8);
        PromotionReport report = promoter.apply(promoter.plan(List.of(tested("base", ns + "/base", index)),
                new PromotionTarget(List.of("latest"), Optional.empty(), Optional.of(release)), Map.of()));
        assertThat(report.succeeded()).as(String.valueOf(report.failure())).isTrue();
        assertEveryPlatformIn(registry(), release + "/base", "latest", index);
    }

    /** The tag holds the index's digest, and every platform manifest and blob it names is there. */
    private static void assertEveryPlatformIn(Registry target, String repository, String tag, Manifest index)
            throws Exception {
        RepositoryName repo = RepositoryName.of(repository);
        assertThat(tagOf(target, repository, tag)).contains(index.digest());
        assertThat(index.children()).hasSize(2);
        for (var child : index.children()) {
            Manifest platform = target.manifest(repo, child.digest().toString()).orElseThrow();
            for (Digest blob : platform.blobs()) {
                assertThat(target.blobExists(repo, blob)).as("blob %s of %s", blob, child.digest()).isTrue();
            }
        }
    }

    @Test
    void plan_sourceTagMovedSinceItWasTested_isRefusedAndMovesNothing() throws Exception {
        String ns = unique("m");
        Manifest tested = TestImages.push(registry(), ns + "/base", "test", "tested");
        Manifest newer = TestImages.push(registry(), ns + "/base", "test", "pushed after the tests");
        Promoter promoter = promoter(registries, 8);
        PromotionPlan plan = planLatest(promoter, ns, tested);
        assertThat(plan.isRefused()).isTrue();
        assertThat(plan.refusals()).singleElement().asString().contains("now points at " + newer.digest())
                .contains("not at the tested " + tested.digest());
        PromotionReport report = promoter.apply(plan);
        assertThat(report.succeeded()).isFalse();
        assertLatestUntouched(ns);
    }

    @Test
    void apply_sourceMovedBetweenPlanAndApply_isRefused() throws Exception {
        String ns = unique("r");
        Manifest tested = TestImages.push(registry(), ns + "/base", "test", "tested");
        Promoter promoter = promoter(registries, 8);
        PromotionPlan plan = planLatest(promoter, ns, tested);
        TestImages.push(registry(), ns + "/base", "test", "sneaked in");
        PromotionReport report = promoter.apply(plan);
        assertThat(report.succeeded()).isFalse();
        assertThat(report.refusals()).singleElement().asString().contains("moved since it was tested");
        assertThat(report.moves()).extracting(MoveResult::status).containsOnly(MoveStatus.NOT_MOVED);
        assertLatestUntouched(ns);
    }

    @Test
    void plan_heldOrGateFailedImage_refusesTheWholePromotion() throws Exception {
        String ns = unique("h");
        Manifest base = TestImages.push(registry(), ns + "/base", "test", "fine");
        Manifest app = TestImages.push(registry(), ns + "/app", "test", "held");
        Promoter promoter = promoter(registries, 8);
        PromotionPlan plan = promoter.plan(List.of(tested("base", ns + "/base", base), tested("app", ns + "/app", app)),
                PromotionTarget.tags("latest"), Map.of("app", "held: CVE-2026-1234 in openssl"));
        assertThat(plan.refusals()).containsExactly("app may not be promoted: held: CVE-2026-1234 in openssl");
        assertThat(promoter.apply(plan).succeeded()).isFalse();
        assertLatestUntouched(ns);
    }

    @Test
    void dryRun_showsTheMovesAndMovesNothing() throws Exception {
        String ns = unique("d");
        Manifest base = TestImages.push(registry(), ns + "/base", "test", "dry");
        Promoter promoter = promoter(registries, 8);
        PromotionReport report = promoter.dryRun(planLatest(promoter, ns, base));
        assertThat(report.dryRun()).isTrue();
        assertThat(report.moves()).extracting(MoveResult::status).containsExactly(MoveStatus.PLANNED);
        assertLatestUntouched(ns);
    }

    @Test
    void apply_failureMidway_oneAtATime_putsEveryMovedTagBackAndTriesNoMore() throws Exception {
        String ns = unique("f");
        try (FaultyProxy proxy = FaultyProxy.in(server.host())) {
            Registries viaProxy = new DistributionRegistries(CredentialResolver.anonymous(), Set.of(), QUICK);
            Registry registry = viaProxy.named(proxy.host());
            Manifest oldA = TestImages.push(registry, ns + "/a", "latest", "old a");
            Manifest a = TestImages.push(registry, ns + "/a", "test", "new a");
            Manifest b = TestImages.push(registry, ns + "/b", "test", "new b");
            Manifest c = TestImages.push(registry, ns + "/c", "test", "new c");
            List<PromotionSource> sources = List.of(
                    new PromotionSource("a", new ImageLocation(proxy.host(), RepositoryName.of(ns + "/a")), "test", a.digest()),
                    new PromotionSource("b", new ImageLocation(proxy.host(), RepositoryName.of(ns + "/b")), "test", b.digest()),
                    new PromotionSource("c", new ImageLocation(proxy.host(), RepositoryName.of(ns + "/c")), "test", c.digest()));
            Promoter promoter = promoter(viaProxy, 1);
            PromotionPlan plan = promoter.plan(sources, PromotionTarget.tags("latest"), Map.of());
            proxy.answer("PUT /v2/" + ns + "/b/manifests/latest", 500, 10);
            PromotionReport report = promoter.apply(plan);
            assertThat(report.succeeded()).isFalse();
            assertThat(report.failure()).contains("put manifest " + b.digest() + " as " + ns + "/b:latest")
                    .contains("answered 500");
            assertThat(report.moves()).extracting(MoveResult::image, MoveResult::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("a", MoveStatus.ROLLED_BACK),
                    org.assertj.core.groups.Tuple.tuple("b", MoveStatus.FAILED),
                    org.assertj.core.groups.Tuple.tuple("c", MoveStatus.NOT_MOVED));
            assertThat(tagOf(registry, ns + "/a", "latest")).contains(oldA.digest());
            assertThat(tagOf(registry, ns + "/b", "latest")).isEmpty();
            assertThat(tagOf(registry, ns + "/c", "latest")).isEmpty();
        }
    }

    @Test
    void apply_failureWhileMovingInParallel_leavesEveryExistingTagWhereItWas() throws Exception {
        String ns = unique("pf");
        try (FaultyProxy proxy = FaultyProxy.in(server.host())) {
            Registries viaProxy = new DistributionRegistries(CredentialResolver.anonymous(), Set.of(), QUICK);
            Registry registry = viaProxy.named(proxy.host());
            List<PromotionSource> sources = new java.util.ArrayList<>();
            Map<String, Digest> old = new java.util.HashMap<>();
            for (int i = 0; i < 24; i++) {
                String repository = ns + "/img" + i;
                old.put(repository, TestImages.push(registry, repository, "latest", "old " + i).digest());
                Manifest tested = TestImages.push(registry, repository, "test", "new " + i);
                sources.add(new PromotionSource("img" + i, new ImageLocation(proxy.host(), RepositoryName.of(repository)),
                        "test", tested.digest()));
            }
            Promoter promoter = promoter(viaProxy, 8);
            PromotionPlan plan = promoter.plan(sources, PromotionTarget.tags("latest"), Map.of());
            proxy.answer("PUT /v2/" + ns + "/img13/manifests/latest", 500, 10);
            PromotionReport report = promoter.apply(plan);
            assertThat(report.succeeded()).isFalse();
            assertThat(report.moves()).extracting(MoveResult::status)
                    .isSubsetOf(MoveStatus.ROLLED_BACK, MoveStatus.FAILED, MoveStatus.NOT_MOVED)
                    .containsOnlyOnce(MoveStatus.FAILED);
            for (Map.Entry<String, Digest> entry : old.entrySet()) {
                assertThat(tagOf(registry, entry.getKey(), "latest")).as(entry.getKey()).contains(entry.getValue());
            }
        }
    }

    @Test
    void apply_failureAfterANewTag_finishesThePromotionInsteadOfUndoingIt() throws Exception {
        String ns = unique("n");
        try (FaultyProxy proxy = FaultyProxy.in(server.host())) {
            Registries viaProxy = new DistributionRegistries(CredentialResolver.anonymous(), Set.of(), QUICK);
            Registry registry = viaProxy.named(proxy.host());
            Manifest a = TestImages.push(registry, ns + "/a", "test", "a");
            Manifest b = TestImages.push(registry, ns + "/b", "test", "b");
            Promoter promoter = promoter(viaProxy, 1);
            PromotionPlan plan = promoter.plan(List.of(
                    new PromotionSource("a", new ImageLocation(proxy.host(), RepositoryName.of(ns + "/a")), "test", a.digest()),
                    new PromotionSource("b", new ImageLocation(proxy.host(), RepositoryName.of(ns + "/b")), "test", b.digest())),
                    PromotionTarget.tags("latest"), Map.of());
            proxy.answer("PUT /v2/" + ns + "/b/manifests/latest", 503, QUICK.attempts());
            PromotionReport report = promoter.apply(plan);
            assertThat(report.succeeded()).as(report.conclusion()).isTrue();
            assertThat(report.moves().get(1).reason()).contains("moved to finish the promotion");
            assertThat(tagOf(registry, ns + "/a", "latest")).contains(a.digest());
            assertThat(tagOf(registry, ns + "/b", "latest")).contains(b.digest());
            assertThat(journal().open()).isEmpty();
        }
    }

    @Test
    void apply_sourceTagMovedWhileTheContentWasCopied_isRefusedBeforeAnyTagMoves() throws Exception {
        String ns = unique("s");
        String release = unique("rs");
        try (FaultyProxy proxy = FaultyProxy.in(server.host())) {
            Registries viaProxy = new DistributionRegistries(CredentialResolver.anonymous(), Set.of(), QUICK);
            Registry registry = viaProxy.named(proxy.host());
            Manifest tested = TestImages.push(registry, ns + "/base", "test", "tested");
            Promoter promoter = promoter(viaProxy, 1);
            PromotionPlan plan = promoter.plan(List.of(new PromotionSource("base", new ImageLocation(proxy.host(),
                    RepositoryName.of(ns + "/base")), "test", tested.digest())), new PromotionTarget(List.of("latest"),
                    Optional.empty(), Optional.of(release)), Map.of());
            proxy.afterApplied("POST /v2/" + release + "/base/blobs/uploads/", 1, () -> {
                try {
                    TestImages.push(registries.named(server.host()), ns + "/base", "test", "pushed during the copy");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            PromotionReport report = promoter.apply(plan);
            assertThat(report.succeeded()).isFalse();
            assertThat(report.refusals()).singleElement().asString().contains("moved since it was tested");
            assertThat(tagOf(registry, release + "/base", "latest")).isEmpty();
        }
    }

    @Test
    void plan_refusedImage_getsARowForEachOfItsTags() throws Exception {
        String ns = unique("rr");
        Manifest base = TestImages.push(registry(), ns + "/base", "test", "fine too");
        Manifest app = TestImages.push(registry(), ns + "/app", "test", "held too");
        PromotionReport report = promoter(registries, 8).promote(List.of(tested("base", ns + "/base", base),
                tested("app", ns + "/app", app)), PromotionTarget.tags("latest", "2026.2"), Map.of("app", "CVE-1"));
        assertThat(report.moves()).filteredOn(move -> move.image().equals("app")).extracting(MoveResult::tag,
                MoveResult::status).containsExactly(org.assertj.core.groups.Tuple.tuple("latest", MoveStatus.REFUSED),
                org.assertj.core.groups.Tuple.tuple("2026.2", MoveStatus.REFUSED));
        assertThat(report.conclusion()).isEqualTo("Not promoted: refused, so no tag was moved.");
    }

    @Test
    void promote_withinEachRepository_makesThreeRequestsAnImage() throws Exception {
        String ns = unique("three");
        try (FaultyProxy proxy = FaultyProxy.in(server.host())) {
            Registries viaProxy = new DistributionRegistries(CredentialResolver.anonymous(), Set.of(), QUICK);
            Registry registry = viaProxy.named(proxy.host());
            List<PromotionSource> sources = List.of(pushedTest(proxy, registry, ns, "a"), pushedTest(proxy, registry, ns, "b"));
            int before = proxy.requests();
            PromotionReport report = promoter(viaProxy, 8).promote(sources, PromotionTarget.tags("latest"), Map.of());
            assertThat(report.succeeded()).isTrue();
            List<String> made = proxy.seen().subList(before, proxy.requests());
            assertThat(made).filteredOn(line -> line.contains("/a/")).containsExactlyInAnyOrder(
                    "GET /v2/" + ns + "/a/manifests/test", "HEAD /v2/" + ns + "/a/manifests/latest",
                    "PUT /v2/" + ns + "/a/manifests/latest");
            assertThat(made).hasSize(6);
            assertThat(tagOf(registry, ns + "/b", "latest")).contains(sources.get(1).tested());
        }
    }

    @Test
    void promote_intoAnotherNamespace_readsTheSourceTagAgainOnceTheContentIsThere() throws Exception {
        String ns = unique("again");
        try (FaultyProxy proxy = FaultyProxy.in(server.host())) {
            Registries viaProxy = new DistributionRegistries(CredentialResolver.anonymous(), Set.of(), QUICK);
            List<PromotionSource> sources = List.of(pushedTest(proxy, viaProxy.named(proxy.host()), ns, "a"));
            int before = proxy.requests();
            PromotionReport report = promoter(viaProxy, 8).promote(sources,
                    new PromotionTarget(List.of("latest"), Optional.empty(), Optional.of(ns + "-release")), Map.of());
            assertThat(report.succeeded()).isTrue();
            List<String> made = proxy.seen().subList(before, proxy.requests());
            assertThat(made).filteredOn(line -> line.equals("HEAD /v2/" + ns + "/a/manifests/test")).hasSize(1);
            assertThat(made.indexOf("HEAD /v2/" + ns + "/a/manifests/test"))
                    .isGreaterThan(made.indexOf("GET /v2/" + ns + "/a/manifests/test"));
        }
    }

    /** {@code <ns>/<image>:test} pushed through the proxy, as the source of a promotion. */
    private static PromotionSource pushedTest(FaultyProxy proxy, Registry registry, String ns, String image)
            throws Exception {
        Manifest manifest = TestImages.push(registry, ns + "/" + image, "test", ns + " " + image);
        return new PromotionSource(image, new ImageLocation(proxy.host(), RepositoryName.of(ns + "/" + image)), "test",
                manifest.digest());
    }
}
