package io.imagegraph.core.gate;

import java.util.List;

/** What the gate reports while it runs, for the CLI and the build log to show. */
public sealed interface GateEvent {

    /** A test started against these images. */
    record Started(String test, List<String> images) implements GateEvent {
    }

    /** A line of a test's output. */
    record Output(String test, String line) implements GateEvent {
    }

    /** A test ended. */
    record Finished(SmokeResult result) implements GateEvent {
    }
}
