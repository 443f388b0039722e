package io.imagegraph.core.promote;

import java.util.List;

/**
 * What a promotion would do: every tag move, with the digest each tag points at now, and the
 * reasons it is refused (a source tag moved since it was tested, an image held or failed its
 * gate). A refused plan moves nothing.
 *
 * @param sources  the tested images
 * @param moves    each tag to move, in image order
 * @param refusals why the promotion may not happen; empty when it may
 * @param refused  a {@code refused} row for each tag of each image that may not be promoted
 */
public record PromotionPlan(List<PromotionSource> sources, List<TagMove> moves, List<String> refusals,
                            List<MoveResult> refused) {

    public PromotionPlan {
        sources = List.copyOf(sources);
        moves = List.copyOf(moves);
        refusals = List.copyOf(refusals);
        refused = List.copyOf(refused);
    }

    public boolean isRefused() {
        return !refusals.isEmpty();
    }
}
