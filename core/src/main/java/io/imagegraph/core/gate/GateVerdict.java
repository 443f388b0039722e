package io.imagegraph.core.gate;

import io.imagegraph.core.files.WireName;

/** What the gate says of one image. */
public enum GateVerdict implements WireName {
    /** Every test that names it passed. */
    PASSED,
    /** A test that names it failed or timed out: it may not be promoted. */
    FAILED,
    /** No test names it. */
    UNTESTED;

    @Override
    public String toString() {
        return id();
    }
}
