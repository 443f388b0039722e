package io.imagegraph.core.report;

import io.imagegraph.core.files.WireName;

/**
 * What a node of the lineage picture shows, most telling first: the first status a node has
 * decides its colour, and every status it has is written on it.
 */
public enum NodeStatus implements WireName {
    /** A hold blocks its digest, or one it is built on. */
    HELD,
    /** Its build failed. */
    FAILED,
    /** Not built because a parent failed. */
    PARENT_FAILED,
    /** Not built because the run stopped. */
    CANCELLED,
    /** It failed its smoke tests, so the gate keeps it from promotion. */
    GATED,
    /** A promotion moved a release tag to it. */
    PROMOTED,
    /** Built by the run. */
    BUILT,
    /** Found already built (same input digest) and reused. */
    REUSED,
    /** Not part of the run. */
    NOT_SELECTED,
    /** An image from outside the graph that images are built on. */
    EXTERNAL;

    @Override
    public String toString() {
        return id().replace('_', ' ');
    }
}
