package io.imagegraph.core.track;

import io.imagegraph.core.files.WireName;

/** Why a tag came to point at a digest. */
public enum TagCause implements WireName {
    /** A run built the image and pushed it under the tag. */
    BUILT,
    /** A run found the image already built (same input digest) and put the tag on it. */
    REUSED,
    /** A promotion moved the tag to a tested digest. */
    PROMOTED,
    /** Someone moved the tag back to an earlier digest ({@code imagegraph rollback}). */
    ROLLBACK,
    /** The tag was seen to move upstream (a watch's poll or a registry's webhook). */
    IMPORTED,
    /** {@code imagegraph mutate} put the tag on an upstream image re-published with other metadata. */
    MUTATED;

    @Override
    public String toString() {
        return id();
    }
}
