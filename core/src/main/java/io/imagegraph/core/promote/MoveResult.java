package io.imagegraph.core.promote;

import io.imagegraph.core.ref.Digest;
import java.util.Optional;

/**
 * The outcome for one tag.
 *
 * @param image  the image's name in the graph
 * @param to     the repository whose tag this is
 * @param tag    the tag
 * @param before the digest it pointed at before the promotion (empty: it did not exist)
 * @param after  the tested digest it was to point at
 * @param status moved, unchanged, rolled back, ...
 * @param reason why, in words
 */
public record MoveResult(String image, ImageLocation to, String tag, Optional<Digest> before, Digest after,
                         MoveStatus status, String reason) {

    static MoveResult of(TagMove move, MoveStatus status, String reason) {
        return new MoveResult(move.image(), move.to(), move.tag(), move.before(), move.after(), status, reason);
    }
}
