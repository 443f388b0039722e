package io.imagegraph.cli;

import io.imagegraph.core.build.BuildEvent;
import io.imagegraph.core.build.BuildEventSink;
import io.imagegraph.core.build.BuildProgress;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A build's progress on a terminal: the plain lines as before, and below them one status line
 * ({@code 3/6 done (2 built, 1 reused) · building keystone 12s}) redrawn in place every second
 * and before each line, then erased when the run ends. Not used when stderr is not a terminal,
 * so logs and CI output keep plain lines only.
 */
final class LiveStatus implements BuildEventSink, AutoCloseable {

    private static final String ERASE_LINE = "\r\033[2K";

    private final PrintWriter err;
    private final BuildEventSink lines;
    private final BuildProgress progress;
    private final Clock clock;
    private final int width;
    private final ScheduledExecutorService ticker;

    LiveStatus(PrintWriter err, BuildEventSink lines, Clock clock, int width) {
        this.err = err;
        this.lines = lines;
        this.progress = new BuildProgress(clock);
        this.clock = clock;
        this.width = width;
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "imagegraph-status");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
    }

    /** Whether stderr is a terminal that understands cursor control, as the live line needs. */
    static boolean terminal(java.util.Map<String, String> environment) {
        String term = environment.getOrDefault("TERM", "");
        return System.console() != null && !term.isEmpty() && !term.equals("dumb")
                && environment.get("CI") == null;
    }

    /** The terminal's width from {@code COLUMNS}, else 100. */
    static int width(java.util.Map<String, String> environment) {
        try {
            return Math.max(40, Integer.parseInt(environment.getOrDefault("COLUMNS", "100").strip()));
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    @Override
    public synchronized void accept(BuildEvent event) {
        progress.accept(event);
        err.print(ERASE_LINE);
        lines.accept(event);
        draw();
    }

    private synchronized void redraw() {
        err.print(ERASE_LINE);
        draw();
    }

    private void draw() {
        err.print(progress.line(clock.instant(), width - 1));
        err.flush();
    }

    @Override
    public synchronized void close() {
        ticker.shutdownNow();
        err.print(ERASE_LINE);
        err.flush();
    }
}
