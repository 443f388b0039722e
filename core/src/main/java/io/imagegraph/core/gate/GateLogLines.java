package io.imagegraph.core.gate;

import java.util.function.Consumer;

/**
 * Smoke tests' progress as plain log lines: each test's start, output (unless quiet) and verdict,
 * prefixed with the test's name. The CLI prints them on stderr, the plugin in the build log.
 */
public final class GateLogLines implements Consumer<GateEvent> {

    private final Consumer<String> lines;
    private final boolean quiet;

    /**
     * @param lines where each line goes (called by one thread at a time)
     * @param quiet leave out the tests' output
     */
    public GateLogLines(Consumer<String> lines, boolean quiet) {
        this.lines = lines;
        this.quiet = quiet;
    }

    @Override
    public synchronized void accept(GateEvent event) {
        if (event instanceof GateEvent.Started started) {
            lines.accept("[" + started.test() + "] testing " + String.join(", ", started.images()));
        } else if (event instanceof GateEvent.Output line) {
            if (!quiet) {
                lines.accept("[" + line.test() + "] " + line.line());
            }
        } else if (event instanceof GateEvent.Finished finished) {
            String reason = finished.result().reason();
            lines.accept("[" + finished.result().test() + "] " + finished.result().status()
                    + (reason.equals(finished.result().status().id()) ? "" : ": " + reason));
        }
    }
}
