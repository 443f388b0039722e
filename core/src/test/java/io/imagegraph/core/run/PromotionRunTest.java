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
}
