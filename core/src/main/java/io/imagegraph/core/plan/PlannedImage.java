package io.imagegraph.core.plan;

import io.imagegraph.core.graph.ImageNode;
import io.imagegraph.core.ref.Digest;
import java.util.List;

/**
 * One image in a plan: what it is, what it is built from, and whether the run builds it.
 *
 * @param node            the image and its edges
 * @param inputDigest     the digest of everything its build depends on
 * @param selection       whether it is selected, and why
 * @param affectedReasons why it counts as changed; empty when it does not
 */
public record PlannedImage(ImageNode node, Digest inputDigest, SelectionDecision selection,
                           List<String> affectedReasons) {

    public PlannedImage {
        affectedReasons = List.copyOf(affectedReasons);
    }

    public String name() {
        return node.name();
    }

    public boolean affected() {
        return !affectedReasons.isEmpty();
    }

    /** Selected and affected: the run builds it (or reuses it, if its input digest is already pushed). */
    public boolean toBuild() {
        return selection.selected() && affected();
    }
}
