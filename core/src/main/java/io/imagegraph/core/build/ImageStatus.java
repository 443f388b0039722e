package io.imagegraph.core.build;

import io.imagegraph.core.files.WireName;

/** What a run did with one image. */
public enum ImageStatus implements WireName {
    /** Built by this run. */
    BUILT,
    /** Not built: an image with the same input digest already exists, and was tagged for this run. */
    REUSED,
    /** Its build failed; the reason says why. */
    FAILED,
    /** Not built because an image it needs failed (or was cancelled). */
    PARENT_FAILED,
    /** Not built because the run was stopped (--fail-fast, or cancelled). */
    CANCELLED,
    /** Not part of this run. */
    NOT_SELECTED,
    /** Rebuilt by a refresh (freshness) with the same layers as before: the tags stay on the image built before. */
    UNCHANGED;

    public boolean isSuccess() {
        return this == BUILT || this == REUSED || this == UNCHANGED;
    }

    @Override
    public String toString() {
        return id();
    }
}
