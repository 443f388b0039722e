package io.imagegraph.core.promote;

import io.imagegraph.core.files.WireName;

/** What happened to one tag of a promotion. */
public enum MoveStatus implements WireName {
    /** The tag now points at the tested digest. */
    MOVED,
    /** The tag already pointed at the tested digest. */
    UNCHANGED,
    /** A dry run: the tag would move. */
    PLANNED,
    /** The tag moved, then went back to its previous digest because another move failed. */
    ROLLED_BACK,
    /** Moving this tag failed, and reading it back found it at its previous digest; the reason says why. */
    FAILED,
    /** Not tried, or not moved for good: the tag is at its previous digest. */
    NOT_MOVED,
    /** The image may not be promoted (held, failed or missed its tests, moved since it was tested). */
    REFUSED,
    /**
     * Not known to be at either digest (the registry did not answer the read-back, or putting the
     * tag right failed): kept in the promotion journal for {@code imagegraph promote --recover}.
     */
    PENDING;

    /** Whether a tag with this status points at the tested digest. */
    public boolean isNew() {
        return this == MOVED || this == UNCHANGED;
    }

    @Override
    public String toString() {
        return id();
    }
}
