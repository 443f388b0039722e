package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildLogLinesTest {

    private final List<String> lines = new ArrayList<>();

    private void replay(boolean quiet) {
        BuildLogLines log = new BuildLogLines(lines::add, quiet);
        log.accept(new BuildEvent.RunStarted("run-1", List.of("base", "app")));
        log.accept(new BuildEvent.Started("app", 2, "building"));
        log.accept(new BuildEvent.Output("app", "Step 1/2 : FROM base"));
        log.accept(new BuildEvent.Retrying("app", 2, "daemon unreachable", 2000));
        log.accept(new BuildEvent.Finished(new ImageResult("app", ImageStatus.FAILED, Optional.empty(), Optional.empty(),
                List.of(), "sha256:" + "1".repeat(64), Duration.ZERO, Optional.empty(), "RUN make: exit 2", 3)));
    }

    @Test
    void accept_givesALineForEachEvent_prefixedWithTheImage() {
        replay(false);
        assertThat(lines).containsExactly(
                "imagegraph: run run-1: 2 images to build or reuse",
                "[app] building (attempt 2)",
                "[app] Step 1/2 : FROM base",
                "[app] attempt 2 failed (daemon unreachable); trying again in 2.0 s",
                "[app] failed: RUN make: exit 2");
    }

    @Test
    void accept_quiet_leavesOutTheBuildOutput() {
        replay(true);
        assertThat(lines).hasSize(4).noneMatch(line -> line.contains("Step 1/2"));
    }
}
