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
    /** Moving this tag failed; the reason says why. */
    FAILED,
    /** Not tried: the promotion was refused or stopped before it. */
    NOT_MOVED,
    /** The tag moved and could not be put back; the reason says where it points. */
    ROLLBACK_FAILED;

    @Override
    public String toString() {
        return id();
    }
}
