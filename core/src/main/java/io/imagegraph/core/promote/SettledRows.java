package io.imagegraph.core.promote;

/** The report row of a tag after a failed promotion was read back and settled. */
final class SettledRows {

    private SettledRows() {
    }

    /**
     * @param settlement the promotion's tags after settling
     * @param tried   whether its move was sent
     * @param error   the error its move got, if it got one
     * @param journal where the promotion journal is, for a pending row
     */
    static MoveResult of(TagMove move, TagSettlement.Settlement settlement, boolean tried, String error,
                         String journal) {
        TagSettlement.Settled settled = settlement.of(IntendedTag.of(move));
        String found = settled.now().map(d -> d.toString()).orElse("nothing");
        if (!settlement.isSettled(settled)) {
            return MoveResult.of(move, MoveStatus.PENDING, pending(settled, found, settlement.direction(), journal));
        }
        return switch (settled.place()) {
            case NEW -> MoveResult.of(move, MoveStatus.MOVED, settled.corrected()
                    ? "moved to finish the promotion: a tag that did not exist before cannot be removed again, so the"
                    + " promotion was completed instead of undone" + (error == null ? "" : " (its first move got: "
                    + error + ")")
                    : error != null ? "moved: read back at the tested digest although its move got " + error
                    : "moved");
            case OLD -> error != null ? MoveResult.of(move, MoveStatus.FAILED, error + "; read back at its old digest")
                    : tried ? MoveResult.of(move, MoveStatus.ROLLED_BACK, move.before().map(d -> "put back to " + d)
                    .orElse("removed again: the tag did not exist before"))
                    : MoveResult.of(move, MoveStatus.NOT_MOVED, "not tried: an earlier move failed");
            case ELSEWHERE -> MoveResult.of(move, MoveStatus.NOT_MOVED, "now points at " + found + ", put there by"
                    + " someone else during the promotion; left alone");
            case UNKNOWN -> MoveResult.of(move, MoveStatus.PENDING, pending(settled, found, settlement.direction(),
                    journal));
        };
    }

    /** The row of a tag a recovery settled (or could not). */
    static MoveResult ofRecovery(IntendedTag tag, TagSettlement.Settlement settlement, String journal) {
        TagSettlement.Settled settled = settlement.of(tag);
        String found = settled.now().map(d -> d.toString()).orElse("nothing");
        MoveStatus status;
        String reason;
        if (!settlement.isSettled(settled)) {
            status = MoveStatus.PENDING;
            reason = pending(settled, found, settlement.direction(), journal);
        } else if (settled.place() == TagSettlement.Place.NEW) {
            status = MoveStatus.MOVED;
            reason = settled.corrected() ? "moved to finish the promotion" : "found at the tested digest";
        } else if (settled.place() == TagSettlement.Place.OLD) {
            status = settled.corrected() ? MoveStatus.ROLLED_BACK : MoveStatus.NOT_MOVED;
            reason = settled.corrected() ? "put back to " + found : "found at its old digest";
        } else {
            status = MoveStatus.NOT_MOVED;
            reason = "now points at " + found + ", put there by someone else; left alone";
        }
        return new MoveResult(tag.image(), tag.location(), tag.tag(), tag.beforeDigest(), tag.afterDigest(), status,
                reason);
    }

    private static String pending(TagSettlement.Settled settled, String found, TagSettlement.Direction direction,
                                  String journal) {
        String where = settled.place() == TagSettlement.Place.UNKNOWN ? "not known where it points"
                : "at " + found + ", to be " + (direction == TagSettlement.Direction.BACK ? "put back" : "moved on");
        return where + (settled.problem() == null ? "" : " (" + settled.problem() + ")")
                + "; the promotion stays in the journal in " + journal + " until imagegraph promote --recover (or the"
                + " next promotion or rollback of the repository) settles it";
    }
}
