package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.build.BuildEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveStatusTest {

    @Test
    void eachLine_isPrintedAboveTheStatusLine_whichIsErasedAtTheEnd() {
        StringWriter err = new StringWriter();
        PrintWriter writer = new PrintWriter(err);
        try (LiveStatus live = new LiveStatus(writer, new io.imagegraph.core.build.BuildLogLines(writer::println, false),
                Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC), 80)) {
            live.accept(new BuildEvent.RunStarted("run-1", List.of("base", "api")));
            live.accept(new BuildEvent.Started("base", 1, "building"));
            live.accept(new BuildEvent.Output("base", "Step 1/2 : FROM scratch"));
        }
        String out = err.toString();
        assertThat(out).contains("\r\033[2K[base] Step 1/2 : FROM scratch\n0/2 done · building base 0s")
                .endsWith("\r\033[2K");
    }

    @Test
    void terminal_isNotAssumedInCiOrOnADumbTerminal() {
        assertThat(LiveStatus.terminal(Map.of("TERM", "dumb"))).isFalse();
        assertThat(LiveStatus.terminal(Map.of("TERM", "xterm-256color", "CI", "true"))).isFalse();
        assertThat(LiveStatus.width(Map.of("COLUMNS", "132"))).isEqualTo(132);
        assertThat(LiveStatus.width(Map.of("COLUMNS", "wide"))).isEqualTo(100);
    }

    @Test
    void badProgressMode_isBadInput() {
        CliRun run = CliRun.of("build", "--progress", "fancy");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--progress is auto or plain, not fancy");
    }
}
