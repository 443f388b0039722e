package io.imagegraph.core.build;

import java.util.function.Consumer;

/**
 * A run's progress as plain log lines: each image's start and end, retries, and (unless quiet)
 * its build output prefixed with its name, a whole line at a time. The CLI prints them on stderr,
 * the plugin in the build log.
 */
public final class BuildLogLines implements BuildEventSink {

    private final Consumer<String> lines;
    private final boolean quiet;

    /**
     * @param lines where each line goes (called by one thread at a time)
     * @param quiet leave out the images' build output
     */
    public BuildLogLines(Consumer<String> lines, boolean quiet) {
        this.lines = lines;
        this.quiet = quiet;
    }

    @Override
    public synchronized void accept(BuildEvent event) {
        if (event instanceof BuildEvent.Started started) {
            lines.accept("[" + started.image() + "] " + started.action()
                    + (started.attempt() > 1 ? " (attempt " + started.attempt() + ")" : ""));
        } else if (event instanceof BuildEvent.Output output) {
            if (!quiet) {
                lines.accept("[" + output.image() + "] " + output.line());
            }
        } else if (event instanceof BuildEvent.Retrying retrying) {
            lines.accept("[" + retrying.image() + "] attempt " + retrying.attempt() + " failed (" + retrying.reason()
                    + "); trying again in " + retrying.delayMillis() / 1000.0 + " s");
        } else if (event instanceof BuildEvent.RunStarted started) {
            lines.accept("imagegraph: run " + started.runId() + ": " + started.images().size()
                    + (started.images().size() == 1 ? " image" : " images") + " to build or reuse");
        } else if (event instanceof BuildEvent.Finished finished) {
            ImageResult result = finished.result();
            String reason = result.reason().startsWith(result.status().id())
                    ? result.reason() : result.status() + ": " + result.reason();
            lines.accept("[" + result.name() + "] " + reason + result.identity().map(id -> " " + id).orElse(""));
        }
    }
}
