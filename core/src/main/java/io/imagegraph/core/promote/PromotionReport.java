package io.imagegraph.core.promote;

import java.util.List;
import java.util.function.Predicate;

/**
 * The result of a promotion: per image and tag the old and new digest and what happened. Outside
 * a dry run every status but {@code pending} was read back from the registry.
 *
 * @param dryRun    nothing was moved on purpose
 * @param succeeded every tag points at its tested digest (or would, for a dry run)
 * @param refusals  why the promotion was refused, when it was
 * @param failure   the failure that stopped it, when one did
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

    /** The tags that point at their tested digest. */
    public List<String> newTags() {
        return references(move -> move.status().isNew());
    }

    /** The tags not known to be at either digest, which {@code promote --recover} finishes. */
    public List<String> pendingTags() {
        return references(move -> move.status() == MoveStatus.PENDING);
    }

    /** The tags at the digest they had before (or still absent). */
    public List<String> oldTags() {
        return references(move -> !move.status().isNew() && move.status() != MoveStatus.PENDING
                && move.status() != MoveStatus.PLANNED);
    }

    /**
     * One sentence for the end of a promotion's output, naming exactly which tags are new, old or
     * pending when they are not all one or the other.
     */
    public String conclusion() {
        if (dryRun) {
            return "Dry run: nothing was moved.";
        }
        if (succeeded) {
            return "Promoted: every tag points at its tested digest.";
        }
        if (!refusals.isEmpty()) {
            return "Not promoted: refused, so no tag was moved.";
        }
        List<String> pending = pendingTags();
        List<String> moved = newTags().stream().filter(reference -> moves.stream().anyMatch(move
                -> move.status() == MoveStatus.MOVED && reference.equals(move.to() + ":" + move.tag()))).toList();
        if (pending.isEmpty() && moved.isEmpty()) {
            return "Not promoted: every tag is at its old digest, as read back from the registry.";
        }
        StringBuilder text = new StringBuilder("Not promoted, and not settled: ");
        if (!pending.isEmpty()) {
            text.append("pending ").append(String.join(", ", pending)).append("; ");
        }
        text.append("new ").append(moved.isEmpty() ? "none" : String.join(", ", moved)).append("; old ")
                .append(oldTags().isEmpty() ? "none" : String.join(", ", oldTags())).append('.');
        if (!pending.isEmpty()) {
            text.append(" Run imagegraph promote --recover once the registry answers (the next promotion or rollback"
                    + " of these repositories does it too).");
        }
        return text.toString();
    }

    private List<String> references(Predicate<MoveResult> which) {
        return moves.stream().filter(which).map(move -> move.to() + ":" + move.tag()).toList();
    }
}
