package io.imagegraph.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.build.BuildLogLines;
import io.imagegraph.core.graph.LoadOptions;
import io.imagegraph.core.run.RunRequestException;
import io.imagegraph.core.track.ConfiguredHolds;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The smokeTestImages step's work: the graph's smoke tests against a real build's images. */
class SmokeTestWorkTest {

    @RegisterExtension
    static final RobotRegistry REGISTRY = new RobotRegistry();
    @TempDir
    static Path dir;
    private static Path root;
    private static Path buildReport;
    private final List<String> log = new ArrayList<>();

    @BeforeAll
    static void build() throws Exception {
        root = dir.resolve("checkout");
        StepFixture.graph(root, REGISTRY.host());
        try (StepEnvironment environment = StepFixture.environment(dir.resolve("tmp"), Map.of(),
                REGISTRY.login())) {
            StepRecord record = new BuildWork(environment, ConfiguredHolds.none(), new BuildLogLines(line -> { }, true),
                    line -> { }, Clock.systemUTC()).run(StepFixture.buildEverything(root, List.of("test")));
            buildReport = Path.of(record.buildReport());
        }
    }

    private StepRecord test(List<String> scripts) throws Exception {
        try (StepEnvironment environment = StepFixture.environment(dir.resolve("tmp"), Map.of(),
                REGISTRY.login())) {
            return new SmokeTestWork(environment, ConfiguredHolds.none(), log::add, Clock.systemUTC())
                    .run(new SmokeTestWork.Request(root, LoadOptions.defaults(), buildReport, scripts, 60, "docker",
                            false));
        }
    }

    @Test
    void run_passingTests_recordTheReportBesideTheBuild() throws Exception {
        StepRecord record = test(List.of());
        assertThat(record.succeeded()).as(String.join("\n", log)).isTrue();
        assertThat(record.value()).containsEntry("passed", true);
        assertThat(record.files()).containsKey("test-report.json");
        assertThat(record.summary()).contains("smoke tests passed: 2 images");
        assertThat(log).contains("[base/shell] testing base");
    }

    @Test
    void run_failingScript_failsTheStep_namingTheImages() throws Exception {
        java.nio.file.Files.writeString(root.resolve("fail.sh"), "#!/bin/sh\nexit 3\n");
        root.resolve("fail.sh").toFile().setExecutable(true);
        StepRecord record = test(List.of("fail.sh"));
        assertThat(record.succeeded()).isFalse();
        assertThat(record.failure().orElseThrow()).startsWith("smoke tests failed: 2 of 2 images failed");
    }

    @Test
    void run_buildReportMissing_isAWrongRequest() {
        Path missing = dir.resolve("none/build-report.json");
        assertThatThrownBy(() -> {
            try (StepEnvironment environment = StepFixture.environment(dir.resolve("tmp"), Map.of(), Map.of())) {
                new SmokeTestWork(environment, ConfiguredHolds.none(), log::add, Clock.systemUTC())
                        .run(new SmokeTestWork.Request(root, LoadOptions.defaults(), missing, List.of(), 60, "docker",
                                false));
            }
        }).isInstanceOf(RunRequestException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void run_whenStopped_recordsWhatRan_andSaysItWasStopped() throws Exception {
        java.nio.file.Files.writeString(root.resolve("slow.sh"), "#!/bin/sh\necho started slow test\nexec sleep 120\n");
        root.resolve("slow.sh").toFile().setExecutable(true);
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicReference<Object> outcome = new java.util.concurrent.atomic.AtomicReference<>();
        Thread step = new Thread(() -> {
            try (StepEnvironment environment = StepFixture.environment(dir.resolve("tmp"), Map.of(),
                    REGISTRY.login())) {
                outcome.set(new SmokeTestWork(environment, ConfiguredHolds.none(), lines::add, Clock.systemUTC())
                        .run(new SmokeTestWork.Request(root, LoadOptions.defaults(), buildReport,
                                List.of("slow.sh"), 300, "docker", false)));
            } catch (Exception e) {
                outcome.set(e);
            }
        });
        step.start();
        long deadline = System.currentTimeMillis() + 120_000;
        while (lines.stream().noneMatch(line -> line.contains("started slow test"))) {
            assertThat(System.currentTimeMillis()).as("the slow test started: " + lines).isLessThan(deadline);
            Thread.sleep(100);
        }
        long stoppedAt = System.currentTimeMillis();
        step.interrupt();
        step.join(60_000);

        assertThat(step.isAlive()).isFalse();
        assertThat(System.currentTimeMillis() - stoppedAt).as("the 120 s test was stopped").isLessThan(60_000);
        assertThat(outcome.get()).as("the stopped step returns its record").isInstanceOf(StepRecord.class);
        StepRecord record = (StepRecord) outcome.get();
        assertThat(record.stopped()).isTrue();
        assertThat(record.succeeded()).isFalse();
        assertThat(record.failure()).contains("stopped: smokeTestImages was stopped; 1 of 3 tests did not finish"
                + " (failed in the report)");
        assertThat(record.files()).containsKeys("test-report.json", "lineage.svg");
        assertThat(record.files().get("test-report.json")).contains("stopped: the step was stopped while this test ran")
                .contains("\"passed\"");
        assertThat(record.summary()).last().asString().startsWith("stopped: smokeTestImages was stopped");
    }

    @Test
    void stoppedReason_countsTheTestsThatDidNotFinish() {
        var images = List.of(new io.imagegraph.core.gate.TestedImage("app", "r/app@sha256:" + "a".repeat(64), java.util.Optional.empty()));
        var report = new io.imagegraph.core.gate.GateReport("run1", images, List.of(
                result("app/shell", "passed"), result("deploy (d.sh)", "stopped: the step was stopped while this test ran"),
                result("deploy (e.sh)", "not run: the step was stopped before this test")));
        assertThat(SmokeTestWork.stoppedReason(report))
                .isEqualTo("smokeTestImages was stopped; 2 of 3 tests did not finish (failed in the report)");
    }

    private static io.imagegraph.core.gate.SmokeResult result(String name, String reason) {
        return new io.imagegraph.core.gate.SmokeResult(name, List.of("app"),
                reason.equals("passed") ? io.imagegraph.core.gate.SmokeStatus.PASSED
                        : io.imagegraph.core.gate.SmokeStatus.FAILED, 0, java.time.Duration.ZERO, "", reason);
    }
}
