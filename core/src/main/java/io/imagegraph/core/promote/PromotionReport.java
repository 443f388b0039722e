package io.imagegraph.core.promote;

import java.util.List;

/**
 * The result of a promotion: per image and tag the old and new digest and what happened.
 *
 * @param dryRun    nothing was moved on purpose
 * @param succeeded every tag points at its tested digest (or would, for a dry run)
 * @param refusals  why the promotion was refused, when it was
 * @param failure   the failure that stopped it and made it roll back, when one did
 * @param moves     one result a tag
 */
public record PromotionReport(boolean dryRun, boolean succeeded, List<String> refusals, String failure,
                              List<MoveResult> moves) {

    public PromotionReport {
        refusals = List.copyOf(refusals);
        moves = List.copyOf(moves);
    }

    public long count(MoveStatus status) {
        return moves.stream().filter(move -> move.status() == status).count();
    }
}
