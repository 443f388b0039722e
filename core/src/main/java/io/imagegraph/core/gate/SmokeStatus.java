package io.imagegraph.core.gate;

import io.imagegraph.core.files.WireName;

/** How one smoke test ended. */
public enum SmokeStatus implements WireName {
    /** It exited with 0 within its time. */
    PASSED,
    /** It exited with another code, or could not be started; the reason says which. */
    FAILED,
    /** It ran past its time limit and was stopped. */
    TIMED_OUT;

    @Override
    public String toString() {
        return id();
    }
}
