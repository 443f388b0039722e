package io.imagegraph.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.build.BuildReportReader;
import io.imagegraph.core.build.BuildTools;
import io.imagegraph.core.build.ImageStatus;
import io.imagegraph.core.graph.GraphLoadResult;
import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.plan.Planner;
import io.imagegraph.core.plan.Selection;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.testing.Busybox;
import io.imagegraph.core.testing.DockerDaemon;
import io.imagegraph.core.testing.GraphFixture;
import io.imagegraph.core.testing.RegistryExtension;
import io.imagegraph.core.track.TagHistory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A build run with the real Docker Engine and a loopback registry. */
class BuildRunTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    @TempDir
    Path dir;

    private Plan plan() throws Exception {
        new GraphFixture(dir).graphFile("namespace: br" + Long.toHexString(System.nanoTime()) + "\n")
                .image("base", "FROM scratch\nCOPY busybox /bin/busybox\n");
        Busybox.copyInto(dir.resolve("images/base/busybox"));
        GraphLoadResult loaded = new GraphFixture(dir).load();
        return Planner.plan(loaded.graph().orElseThrow(), loaded.warnings(), Selection.all(), Optional.empty());
    }

    private BuildRun run(StateDirectory state) throws Exception {
        LocalProcessRunner runner = new LocalProcessRunner();
        return new BuildRun(runner, BuildTools.local(runner, "docker", "buildah", DockerDaemon.shared().environment()),
                host -> REGISTRY.registries(), state, event -> { }, Clock.systemUTC());
    }

    private static BuildRun.Request request(int slots, Optional<String> registry) {
        return new BuildRun.Request(Optional.of("run-br"), List.of("pr-1"), slots, false, false, 0, Optional.empty(),
                Optional.empty(), registry, false);
    }

    @Test
    void run_writesTheReportIntoTheStatesRuns_andRecordsThePushedTags() throws Exception {
        StateDirectory state = StateDirectory.at(dir.resolve(".imagegraph"));
        BuildRun.Outcome outcome = run(state).run(plan(), request(1, Optional.of(REGISTRY.host())));
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.reportFile()).isEqualTo(dir.resolve(".imagegraph/runs/run-br/build-report.json"));
        assertThat(BuildReportReader.read(outcome.reportFile()).images()).singleElement()
                .satisfies(image -> assertThat(image.status()).isEqualTo(ImageStatus.BUILT));
        assertThat(TagHistory.in(state).events()).singleElement()
                .satisfies(event -> assertThat(event.tag()).isEqualTo("pr-1"));
        assertThat(dir.resolve(".imagegraph/lineage.jsonl")).exists();
        assertThat(RunStateFolder.recorded(outcome.reportFile())).contains(dir.resolve(".imagegraph").toAbsolutePath());
    }

    @Test
    void cancel_beforeTheBuildsStart_cancelsEveryImage_andStillWritesTheReportAndTheLineage() throws Exception {
        StateDirectory state = StateDirectory.at(dir.resolve(".imagegraph"));
        BuildRun run = run(state);
        run.cancel();
        BuildRun.Outcome outcome = run.run(plan(), request(1, Optional.empty()));
        assertThat(Thread.interrupted()).as("the caller is told the run was cancelled").isTrue();
        assertThat(BuildReportReader.read(outcome.reportFile()).images()).singleElement()
                .satisfies(image -> assertThat(image.status()).isEqualTo(ImageStatus.CANCELLED));
    }

    @Test
    void cancel_afterTheRun_changesNothingAndInterruptsNobody() throws Exception {
        BuildRun run = run(StateDirectory.at(dir.resolve(".imagegraph")));
        BuildRun.Outcome outcome = run.run(plan(), request(1, Optional.empty()));
        run.cancel();
        assertThat(Thread.interrupted()).isFalse();
        assertThat(outcome.succeeded()).isTrue();
    }

    @Test
    void twoRunsStartedInTheSameSecond_getTheirOwnIdAndFolder() throws Exception {
        StateDirectory state = StateDirectory.at(dir.resolve(".imagegraph"));
        Clock sameSecond = Clock.fixed(java.time.Instant.parse("2026-12-02T04:30:07Z"), java.time.ZoneOffset.UTC);
        LocalProcessRunner runner = new LocalProcessRunner();
        BuildRun.Request request = new BuildRun.Request(Optional.empty(), List.of("pr-1"), 1, false, false, 0,
                Optional.empty(), Optional.empty(), Optional.empty(), false);
        Plan plan = plan();
        List<BuildRun.Outcome> outcomes = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            outcomes.add(new BuildRun(runner, BuildTools.local(runner, "docker", "buildah",
                    DockerDaemon.shared().environment()), host -> REGISTRY.registries(), state, event -> { },
                    sameSecond).run(plan, request));
        }
        assertThat(outcomes.get(0).report().runId()).startsWith("20261202-043007-")
                .isNotEqualTo(outcomes.get(1).report().runId());
        assertThat(outcomes.get(0).reportFile()).isNotEqualTo(outcomes.get(1).reportFile());
        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.reportFile()).exists());
    }

    @Test
    void run_zeroSlots_isAWrongRequest() throws Exception {
        assertThatThrownBy(() -> run(StateDirectory.at(dir.resolve("s"))).run(plan(), request(0, Optional.empty())))
                .isInstanceOf(RunRequestException.class).hasMessage("slots must be at least 1");
    }
}
