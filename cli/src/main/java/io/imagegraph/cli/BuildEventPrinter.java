package io.imagegraph.cli;

import io.imagegraph.core.build.BuildEvent;
import io.imagegraph.core.build.BuildEventSink;
import io.imagegraph.core.build.ImageResult;
import java.io.PrintWriter;

/**
 * Prints a run's progress on stderr as plain lines: each image's start and end, and (unless
 * quiet) its build output prefixed with its name, a whole line at a time.
 */
final class BuildEventPrinter implements BuildEventSink {

    private final PrintWriter err;
    private final boolean quiet;

    BuildEventPrinter(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public synchronized void accept(BuildEvent event) {
        if (event instanceof BuildEvent.Started started) {
            err.println("[" + started.image() + "] " + started.action()
                    + (started.attempt() > 1 ? " (attempt " + started.attempt() + ")" : ""));
        } else if (event instanceof BuildEvent.Output output) {
            if (!quiet) {
                err.println("[" + output.image() + "] " + output.line());
            }
        } else if (event instanceof BuildEvent.Retrying retrying) {
            err.println("[" + retrying.image() + "] attempt " + retrying.attempt() + " failed (" + retrying.reason()
                    + "); trying again in " + retrying.delayMillis() / 1000.0 + " s");
        } else if (event instanceof BuildEvent.RunStarted started) {
            err.println("imagegraph: run " + started.runId() + ": " + started.images().size()
                    + (started.images().size() == 1 ? " image" : " images") + " to build or reuse");
        } else if (event instanceof BuildEvent.Finished finished) {
            ImageResult result = finished.result();
            String reason = result.reason().startsWith(result.status().id())
                    ? result.reason() : result.status() + ": " + result.reason();
            err.println("[" + result.name() + "] " + reason + result.identity().map(id -> " " + id).orElse(""));
        }
        err.flush();
    }
}
