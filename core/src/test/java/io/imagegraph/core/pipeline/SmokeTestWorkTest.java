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
}
