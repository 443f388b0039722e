package io.imagegraph.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.BuildReportJson;
import io.imagegraph.core.build.ImageResult;
import io.imagegraph.core.build.ImageStatus;
import io.imagegraph.core.promote.PromotionReportJson;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.testing.FaultyProxy;
import io.imagegraph.core.testing.RegistryExtension;
import io.imagegraph.core.testing.TestImages;
import io.imagegraph.core.track.ConfiguredHolds;
import io.imagegraph.core.track.TagHistory;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PromotionRunTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    @TempDir
    Path dir;

    private Path pushedRun(String repository, Manifest manifest) throws Exception {
        ImageResult result = new ImageResult("app", ImageStatus.BUILT, Optional.empty(),
                Optional.of(manifest.digest().toString()), List.of(REGISTRY.host() + "/" + repository + ":test"),
                "sha256:" + "1".repeat(64), Duration.ZERO, Optional.empty(), "built", 1);
        Path report = dir.resolve("run/build-report.json");
        Files.createDirectories(report.getParent());
        try (Writer writer = Files.newBufferedWriter(report)) {
            BuildReportJson.write(new BuildReport("run-1", Instant.now(), Instant.now(), List.of(result)), writer);
        }
        return report;
    }

    private PromotionRun promotion() {
        return new PromotionRun(runRegistry -> REGISTRY.registries(), StateDirectory.at(dir.resolve("state")),
                Clock.systemUTC());
    }

    private static PromotionRun.Request request(Path report, Map<String, String> holds) {
        return new PromotionRun.Request(report, Optional.empty(), Optional.empty(), List.of("latest"), Optional.empty(),
                Optional.empty(), holds, 8, false, true);
    }

    @Test
    void run_promotesWritesTheReportBesideTheBuildReportAndRecordsTheHistory() throws Exception {
        String repository = RegistryExtension.unique("pr", "app");
        Manifest manifest = TestImages.push(REGISTRY.client(), repository, "test", "promotion run");
        Path report = pushedRun(repository, manifest);
        PromotionRun.Outcome outcome = promotion().run(request(report, Map.of()));
        assertThat(outcome.succeeded()).isTrue();
        assertThat(REGISTRY.client().head(RepositoryName.of(repository), "latest").orElseThrow().digest())
                .isEqualTo(manifest.digest());
        assertThat(PromotionReportJson.read(report.resolveSibling(PromotionReportJson.FILE_NAME)).succeeded()).isTrue();
        assertThat(TagHistory.in(StateDirectory.at(dir.resolve("state")))
                .current(REGISTRY.host() + "/" + repository, "latest")).isPresent();
    }

    @Test
    void run_holdOfAnImageTheRunDoesNotHave_isAWrongRequest() throws Exception {
        String repository = RegistryExtension.unique("pr", "app");
        Path report = pushedRun(repository, TestImages.push(REGISTRY.client(), repository, "test", "hold"));
        assertThatThrownBy(() -> promotion().run(request(report, Map.of("nova", "CVE"))))
                .isInstanceOf(RunRequestException.class).hasMessage("a hold names nova, which is not an image of run run-1");
    }

    @Test
    void run_missingBuildReport_isAWrongRequestNamingIt() {
        assertThatThrownBy(() -> promotion().run(request(dir.resolve("none.json"), Map.of())))
                .isInstanceOf(RunRequestException.class).hasMessageContaining("none.json does not exist");
    }

    @Test
    void run_digestHeldByConfiguration_isRefused_andNothingMoves() throws Exception {
        String repository = RegistryExtension.unique("pr", "app");
        Manifest manifest = TestImages.push(REGISTRY.client(), repository, "test", "held by configuration");
        Path report = pushedRun(repository, manifest);
        PromotionRun held = new PromotionRun(runRegistry -> REGISTRY.registries(), StateDirectory.at(dir.resolve("state")),
                ConfiguredHolds.of(Map.of(manifest.digest().toString(), "CVE-2026-4242")), Clock.systemUTC());
        PromotionRun.Outcome outcome = held.run(request(report, Map.of()));
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.report().refusals()).anyMatch(refusal -> refusal.contains("CVE-2026-4242"));
        assertThat(REGISTRY.client().head(RepositoryName.of(repository), "latest")).isEmpty();
    }

    @Test
    void run_overANamespacesByteQuota_isRefusedBeforeAnyTagMoves_andPassesOnceTheOldImageIsDeleted() throws Exception {
        String ns = "pq" + Long.toHexString(System.nanoTime());
        Manifest tested = TestImages.push(REGISTRY.client(), ns + "/app", "test", "quota new");
        Manifest old = TestImages.push(REGISTRY.client(), ns + "-release/app", "old", "quota old");
        long sizeOld = old.blobSizes().values().stream().mapToLong(Long::longValue).sum();
        long sizeNew = tested.blobSizes().values().stream().mapToLong(Long::longValue).sum();
        Path report = pushedRun(ns + "/app", tested);
        io.imagegraph.core.quota.Quota quota = new io.imagegraph.core.quota.QuotaEntry(REGISTRY.host() + "/" + ns
                + "-release", null, String.valueOf(sizeOld + sizeNew - 1), null).quota();
        PromotionRun.Request toRelease = new PromotionRun.Request(report, Optional.empty(), Optional.empty(),
                List.of("1.0"), Optional.empty(), Optional.of(ns + "-release"), Map.of(), 8, false, true);

        PromotionRun.Outcome refused = promotion().withQuotas(List.of(quota)).run(toRelease);
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.report().refusals()).anySatisfy(refusal -> assertThat(refusal)
                .contains("namespace " + REGISTRY.host() + "/" + ns + "-release").contains("over its quota")
                .contains("imagegraph prune"));
        assertThat(REGISTRY.client().head(RepositoryName.of(ns + "-release/app"), "1.0")).isEmpty();

        REGISTRY.client().deleteManifest(RepositoryName.of(ns + "-release/app"), old.digest());
        PromotionRun.Outcome promoted = promotion().withQuotas(List.of(quota)).run(toRelease);
        assertThat(promoted.succeeded()).as(promoted.report().refusals().toString()).isTrue();
        assertThat(REGISTRY.client().head(RepositoryName.of(ns + "-release/app"), "1.0").orElseThrow().digest())
                .isEqualTo(tested.digest());
    }

    /** A run of two images a and b, pushed through {@code proxy}, whose promotion to latest was cut short with a pending. */
    private Path cutPromotion(FaultyProxy proxy, PromotionRun promotion, String ns) throws Exception {
        List<ImageResult> images = new java.util.ArrayList<>();
        for (String image : List.of("a", "b")) {
            TestImages.push(REGISTRY.client(), ns + "/" + image, "latest", "old " + image);
            Manifest tested = TestImages.push(REGISTRY.client(), ns + "/" + image, "test", "new " + image);
            images.add(new ImageResult(image, ImageStatus.BUILT, Optional.empty(),
                    Optional.of(tested.digest().toString()), List.of(proxy.host() + "/" + ns + "/" + image + ":test"),
                    "sha256:" + "1".repeat(64), Duration.ZERO, Optional.empty(), "built", 1));
        }
        Path report = dir.resolve("run/build-report.json");
        Files.createDirectories(report.getParent());
        try (Writer writer = Files.newBufferedWriter(report)) {
            BuildReportJson.write(new BuildReport("run-2", Instant.now(), Instant.now(), images), writer);
        }
        proxy.failFrom("PUT /v2/" + ns + "/", 2, 500);
        PromotionRun.Outcome cut = promotion.run(latestOf(report));
        assertThat(cut.report().pendingTags()).containsExactly(proxy.host() + "/" + ns + "/a:latest");
        assertThat(cut.report().conclusion()).contains("pending " + proxy.host() + "/" + ns + "/a:latest")
                .contains("imagegraph promote --recover");
        proxy.heal();
        return report;
    }

    private static PromotionRun.Request latestOf(Path report) {
        return new PromotionRun.Request(report, Optional.empty(), Optional.empty(), List.of("latest"), Optional.empty(),
                Optional.empty(), Map.of(), 1, false, true);
    }

    private PromotionRun quickPromotion() {
        return new PromotionRun(host -> new io.imagegraph.core.registry.DistributionRegistries(
                io.imagegraph.core.registry.CredentialResolver.anonymous(), java.util.Set.of(), RegistryExtension.QUICK),
                StateDirectory.at(dir.resolve("state")), Clock.systemUTC());
    }

    @Test
    void run_afterAPromotionLeftPending_settlesItFirstThenPromotes() throws Exception {
        String ns = RegistryExtension.unique("pp", "x").replace("/x", "");
        try (FaultyProxy proxy = FaultyProxy.in(REGISTRY.host())) {
            PromotionRun promotion = quickPromotion();
            Path report = cutPromotion(proxy, promotion, ns);
            PromotionRun.Outcome next = promotion.run(latestOf(report));
            assertThat(next.recovered()).singleElement().satisfies(r -> assertThat(r.conclusion()).contains("is undone"));
            assertThat(next.succeeded()).as(next.report().conclusion()).isTrue();
        }
    }

    @Test
    void recover_promotionLeftPending_isUndoneOnceTheRegistryAnswers() throws Exception {
        String ns = RegistryExtension.unique("pr", "x").replace("/x", "");
        try (FaultyProxy proxy = FaultyProxy.in(REGISTRY.host())) {
            PromotionRun promotion = quickPromotion();
            cutPromotion(proxy, promotion, ns);
            PromotionRun.Outcome recovered = promotion.recover(2);
            assertThat(recovered.succeeded()).isTrue();
            assertThat(recovered.recovered()).singleElement().satisfies(r -> assertThat(r.isSettled()).isTrue());
            assertThat(promotion.recover(2).recovered()).isEmpty();
        }
    }
}
