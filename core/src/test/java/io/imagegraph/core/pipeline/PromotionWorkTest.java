package io.imagegraph.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.access.RegistryRefusals;
import io.imagegraph.core.build.BuildLogLines;
import io.imagegraph.core.graph.LoadOptions;
import io.imagegraph.core.quota.ConfiguredQuotas;
import io.imagegraph.core.quota.Quota;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.run.RunRequestException;
import io.imagegraph.core.track.ConfiguredHolds;
import io.imagegraph.core.gate.GateReport;
import io.imagegraph.core.gate.GateReportJson;
import io.imagegraph.core.gate.SmokeResult;
import io.imagegraph.core.gate.SmokeStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The promoteImages step's work: a real build's tested digests promoted in a registry that wants a login. */
class PromotionWorkTest {

    @RegisterExtension
    static final RobotRegistry REGISTRY = new RobotRegistry();

    @TempDir
    Path dir;
    private Path root;
    private StepRecord built;

    @BeforeEach
    void buildAndTest() throws Exception {
        root = dir.resolve("checkout");
        StepFixture.graph(root, REGISTRY.host());
        try (StepEnvironment environment = environment()) {
            built = new BuildWork(environment, ConfiguredHolds.none(), new BuildLogLines(line -> { }, true),
                    line -> { }, Clock.systemUTC()).run(StepFixture.buildEverything(root, List.of("test")));
            new SmokeTestWork(environment, ConfiguredHolds.none(), line -> { }, Clock.systemUTC())
                    .run(new SmokeTestWork.Request(root, LoadOptions.defaults(), Path.of(built.buildReport()),
                            List.of(), 60, "docker", true));
        }
    }

    private StepEnvironment environment() throws Exception {
        return StepFixture.environment(dir.resolve("tmp"), Map.of(), REGISTRY.login());
    }

    private StepRecord promote(ConfiguredHolds holds, boolean dryRun, boolean requireTests) throws Exception {
        try (StepEnvironment environment = environment()) {
            return new PromotionWork(environment, holds, Clock.systemUTC()).run(new PromotionWork.Request(root,
                    LoadOptions.defaults(), Path.of(built.buildReport()), requireTests, Optional.empty(),
                    List.of("latest"), Optional.empty(), Optional.empty(), 4, dryRun));
        }
    }

    @SuppressWarnings("unchecked")
    private RepositoryName repository(String image) {
        String tag = ((List<String>) ((Map<String, Object>) built.value().get(image)).get("tags")).get(0);
        return RepositoryName.of(tag.substring(REGISTRY.host().length() + 1, tag.lastIndexOf(':')));
    }

    @SuppressWarnings("unchecked")
    private String digest(String image) {
        return (String) ((Map<String, Object>) built.value().get(image)).get("digest");
    }

    @Test
    void run_promotesTheTestedDigests_andRecordsThePromotion() throws Exception {
        StepRecord record = promote(ConfiguredHolds.none(), false, true);
        assertThat(record.succeeded()).as(record.failure().orElse("")).isTrue();
        assertThat(REGISTRY.client().head(repository("app"), "latest").orElseThrow().digest())
                .hasToString(digest("app"));
        assertThat(record.files()).containsKeys("promotion-report.json", "test-report.json");
        assertThat(record.summary()).contains("promoted: 2 tags moved");
        assertThat(record.files().get("lineage.svg")).contains("promoted");
    }

    @Test
    void run_dryRun_movesNothing_andSaysWhatWouldMove() throws Exception {
        StepRecord record = promote(ConfiguredHolds.none(), true, true);
        assertThat(REGISTRY.client().head(repository("app"), "latest")).isEmpty();
        assertThat(record.summary()).contains("promotion (dry run): 2 tags planned");
    }

    @Test
    void run_baseHeldByConfiguration_refusesItAndWhatIsBuiltOnIt() throws Exception {
        StepRecord record = promote(ConfiguredHolds.of(Map.of(digest("base"), "CVE-2026-0001")), false, true);
        assertThat(record.succeeded()).isFalse();
        assertThat(record.failure().orElseThrow()).contains("CVE-2026-0001");
        assertThat(REGISTRY.client().head(repository("app"), "latest")).isEmpty();
    }

    @Test
    void run_notSmokeTested_isRefused_unlessTestsAreNotRequired() throws Exception {
        Files.delete(Path.of(built.buildReport()).resolveSibling("test-report.json"));
        StepRecord refused = promote(ConfiguredHolds.none(), false, true);
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.failure().orElseThrow()).contains("it was not smoke-tested (no test-report.json beside")
                .contains("allowUntested: true");
        assertThat(REGISTRY.client().head(repository("app"), "latest")).isEmpty();
        assertThat(promote(ConfiguredHolds.none(), false, false).succeeded()).isTrue();
    }

    private StepRecord promoteWith(RegistryRefusals refusals, List<Quota> quotas) throws Exception {
        try (StepEnvironment environment = environment()) {
            return new PromotionWork(environment, ConfiguredHolds.none(), Clock.systemUTC()).withAccess(refusals, quotas)
                    .run(new PromotionWork.Request(root, LoadOptions.defaults(), Path.of(built.buildReport()), true,
                            Optional.empty(), List.of("latest"), Optional.empty(), Optional.empty(), 4, false));
        }
    }

    @Test
    void withAccess_registryOfAnotherFolder_isRefusedBeforeATagMoves() throws Exception {
        RegistryRefusals refusals = RegistryRefusals.of(Map.of(REGISTRY.host(), "the registry " + REGISTRY.host()
                + " is configured on the folder 'b'"));
        assertThatThrownBy(() -> promoteWith(refusals, List.of())).isInstanceOf(RunRequestException.class)
                .hasMessage("the registry " + REGISTRY.host() + " is configured on the folder 'b'");
        assertThat(REGISTRY.client().head(repository("app"), "latest")).isEmpty();
    }

    @Test
    void withAccess_configuredQuota_refusesWhatWouldGoOverIt() throws Exception {
        List<Quota> quotas = ConfiguredQuotas.parse("- repository: " + REGISTRY.host() + "/" + repository("app").value()
                + "\n  tags: 1\n", "the global configuration");
        StepRecord record = promoteWith(RegistryRefusals.none(), quotas);
        assertThat(record.succeeded()).isFalse();
        assertThat(record.failure().orElseThrow()).contains("over its quota");
        assertThat(REGISTRY.client().head(repository("app"), "latest")).isEmpty();
        assertThat(promoteWith(RegistryRefusals.none(), List.of()).succeeded()).isTrue();
    }

    @Test
    void run_failedSmokeTest_isRefusedEvenWhenTestsAreNotRequired() throws Exception {
        Path tests = Path.of(built.buildReport()).resolveSibling("test-report.json");
        GateReport passed = GateReportJson.read(tests);
        GateReport failed = new GateReport(passed.runId(), passed.images(), passed.results().stream()
                .map(r -> new SmokeResult(r.test(), r.images(), SmokeStatus.FAILED, 1, r.duration(), "", "exited with 1"))
                .toList());
        try (java.io.Writer writer = Files.newBufferedWriter(tests)) {
            GateReportJson.write(failed, writer);
        }
        StepRecord record = promote(ConfiguredHolds.none(), false, false);
        assertThat(record.succeeded()).isFalse();
        assertThat(record.failure().orElseThrow()).contains("failed its smoke tests");
        assertThat(REGISTRY.client().head(repository("app"), "latest")).isEmpty();
    }

    @Test
    void run_whenStoppedBeforeATagMoved_recordsTheStop_andMovesNothing() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Object> outcome = new java.util.concurrent.atomic.AtomicReference<>();
        Thread step = new Thread(() -> {
            try (StepEnvironment environment = environment()) {
                Thread.currentThread().interrupt();
                outcome.set(new PromotionWork(environment, ConfiguredHolds.none(), Clock.systemUTC())
                        .run(new PromotionWork.Request(root, LoadOptions.defaults(), Path.of(built.buildReport()), true,
                                Optional.empty(), List.of("latest"), Optional.empty(), Optional.empty(), 4, false)));
            } catch (Exception e) {
                outcome.set(e);
            }
        });
        step.start();
        step.join(60_000);

        assertThat(outcome.get()).as("the stopped step returns its record").isInstanceOf(StepRecord.class);
        StepRecord record = (StepRecord) outcome.get();
        assertThat(record.stopped()).isTrue();
        assertThat(record.succeeded()).isFalse();
        assertThat(record.failure()).contains("stopped: promoteImages was stopped before it moved a tag; latest stay"
                + " where they were (run the promotion again)");
        assertThat(record.files()).containsKeys("test-report.json", "lineage.svg");
        assertThat(REGISTRY.client().head(repository("app"), "latest")).isEmpty();
    }

    @Test
    void stoppedReason_countsTheTagsAtTheTestedDigest() throws Exception {
        promote(ConfiguredHolds.none(), false, true);
        io.imagegraph.core.promote.PromotionReport report = io.imagegraph.core.promote.PromotionReportJson
                .read(Path.of(built.buildReport()).resolveSibling("promotion-report.json"));
        assertThat(PromotionWork.stoppedReason(report)).isEqualTo("promoteImages was stopped; 2 of 2 tags are at the"
                + " tested digest, 0 pending (imagegraph promote --recover finishes them): Promoted: every tag points"
                + " at its tested digest.");
    }
}
