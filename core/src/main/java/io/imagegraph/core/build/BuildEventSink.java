package io.imagegraph.core.build;

/** Receives a run's events; called from the build threads, so implementations must be thread-safe. */
@FunctionalInterface
public interface BuildEventSink {

    void accept(BuildEvent event);

    static BuildEventSink ignore() {
        return event -> { };
    }
}
