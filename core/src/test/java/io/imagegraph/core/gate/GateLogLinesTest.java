package io.imagegraph.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateLogLinesTest {

    private final List<String> lines = new ArrayList<>();

    private void replay(boolean quiet) {
        GateLogLines log = new GateLogLines(lines::add, quiet);
        log.accept(new GateEvent.Started("app/version", List.of("app")));
        log.accept(new GateEvent.Output("app/version", "1.0"));
        log.accept(new GateEvent.Finished(new SmokeResult("app/version", List.of("app"), SmokeStatus.FAILED, 1,
                Duration.ofMillis(5), "1.0", "exited with 1")));
    }

    @Test
    void accept_givesEachTestsStartOutputAndVerdict() {
        replay(false);
        assertThat(lines).containsExactly("[app/version] testing app", "[app/version] 1.0",
                "[app/version] failed: exited with 1");
    }

    @Test
    void accept_quiet_leavesOutTheOutput() {
        replay(true);
        assertThat(lines).containsExactly("[app/version] testing app", "[app/version] failed: exited with 1");
    }
}
