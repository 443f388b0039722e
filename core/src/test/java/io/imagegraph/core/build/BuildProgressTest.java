package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildProgressTest {

    private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

    private static ImageResult result(String name, ImageStatus status) {
        return new ImageResult(name, status, Optional.empty(), Optional.empty(), List.of(), "sha256:" + "0".repeat(64),
                Duration.ZERO, Optional.empty(), "", 1);
    }

    @Test
    void line_countsWhatIsDoneAndNamesWhatRunsWithItsTime() {
        BuildProgress progress = new BuildProgress(Clock.fixed(T0, ZoneOffset.UTC));
        progress.accept(new BuildEvent.RunStarted("run-1", List.of("base", "api", "web", "worker")));
        progress.accept(new BuildEvent.Started("base", 1, "looking up acme/base:input-sha256-…"));
        progress.accept(new BuildEvent.Finished(result("base", ImageStatus.REUSED)));
        progress.accept(new BuildEvent.Started("api", 1, "building"));
        progress.accept(new BuildEvent.Started("worker", 1, "building"));
        progress.accept(new BuildEvent.Finished(result("worker", ImageStatus.FAILED)));
        progress.accept(new BuildEvent.Started("web", 1, "building"));
        assertThat(progress.line(T0.plusSeconds(12), 200))
                .isEqualTo("2/4 done (1 reused, 1 failed) · building api 12s, web 12s");
    }

    @Test
    void line_longerThanTheWidth_isCut() {
        BuildProgress progress = new BuildProgress(Clock.fixed(T0, ZoneOffset.UTC));
        progress.accept(new BuildEvent.RunStarted("run-1", List.of("a-very-long-image-name")));
        progress.accept(new BuildEvent.Started("a-very-long-image-name", 1, "building"));
        assertThat(progress.line(T0, 20)).hasSize(20).endsWith("…");
    }
}
