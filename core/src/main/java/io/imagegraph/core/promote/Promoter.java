package io.imagegraph.core.promote;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.ManifestDescriptor;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.registry.RegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves tags to exactly the digests that were tested, registry side: no pull, no push through a
 * daemon. {@link #plan} reads every source and target tag; {@link #apply} checks again that each
 * source tag still points at its tested digest, moves the tags one by one and, when one fails,
 * puts every tag it already moved back where it was, so that a promotion happens whole or not at
 * all. Images that failed their gate or are held are refused by the caller's {@code blocked} map.
 */
public final class Promoter {

    private final Registries registries;

    public Promoter(Registries registries) {
        this.registries = registries;
    }

    /**
     * Reads what the promotion would change.
     *
     * @param blocked images that may not be promoted, with the reason (gate failed, held)
     */
    public PromotionPlan plan(List<PromotionSource> sources, PromotionTarget target, Map<String, String> blocked)
            throws RegistryException, InterruptedException {
        List<String> refusals = new ArrayList<>();
        List<TagMove> moves = new ArrayList<>();
        for (PromotionSource source : sources) {
            if (blocked.containsKey(source.image())) {
                refusals.add(source.image() + " may not be promoted: " + blocked.get(source.image()));
                continue;
            }
            Registry from = registries.named(source.from().registry());
            Optional<Manifest> tested = from.manifest(source.from().repository(), source.tag());
            Optional<String> moved = sourceMoved(source, tested.map(Manifest::digest));
            if (moved.isPresent()) {
                refusals.add(moved.get());
                continue;
            }
            ImageLocation to = target.locationFor(source.from());
            Registry into = registries.named(to.registry());
            for (String tag : target.tags()) {
                moves.add(new TagMove(source.image(), source.from(), to, tag, into.manifest(to.repository(), tag),
                        tested.get()));
            }
        }
        return new PromotionPlan(sources, moves, refusals);
    }

    /** What {@link #apply} would do, as a report, moving nothing. */
    public PromotionReport dryRun(PromotionPlan plan) {
        List<MoveResult> results = new ArrayList<>();
        for (TagMove move : plan.moves()) {
            results.add(plan.isRefused() ? MoveResult.of(move, MoveStatus.NOT_MOVED, "the promotion is refused")
                    : move.isUnchanged() ? MoveResult.of(move, MoveStatus.UNCHANGED, "already at the tested digest")
                    : MoveResult.of(move, MoveStatus.PLANNED, "would move " + move));
        }
        return new PromotionReport(true, !plan.isRefused(), plan.refusals(), null, results);
    }

    /** Moves the tags, all or none. */
    public PromotionReport apply(PromotionPlan plan) throws InterruptedException {
        if (plan.isRefused()) {
            return refused(plan, plan.refusals());
        }
        List<String> stale = new ArrayList<>();
        try {
            for (PromotionSource source : plan.sources()) {
                Optional<Digest> now = registries.named(source.from().registry())
                        .head(source.from().repository(), source.tag()).map(ManifestDescriptor::digest);
                sourceMoved(source, now).ifPresent(stale::add);
            }
        } catch (RegistryException e) {
            stale.add(e.getMessage());
        }
        if (!stale.isEmpty()) {
            return refused(plan, stale);
        }
        // First everything each manifest needs in its target repository (blob mounts and copies,
        // the bulk of the work and of what can fail), then the tags, which are single small PUTs:
        // a failure in the first part leaves every tag where it was.
        for (TagMove move : plan.moves()) {
            if (move.isUnchanged()) {
                continue;
            }
            try {
                ManifestContent.ensure(registries.named(move.from().registry()), move.from(),
                        registries.named(move.to().registry()), move.to(), move.manifest());
            } catch (RegistryException e) {
                return notMoved(plan, move, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return notMoved(plan, move, "the promotion was cancelled while copying " + move.from() + " to "
                        + move.to());
            }
        }
        List<TagMove> done = new ArrayList<>();
        List<MoveResult> results = new ArrayList<>();
        int index = 0;
        String failure = null;
        boolean interrupted = false;
        for (; index < plan.moves().size(); index++) {
            TagMove move = plan.moves().get(index);
            if (move.isUnchanged()) {
                results.add(MoveResult.of(move, MoveStatus.UNCHANGED, "already at the tested digest"));
                continue;
            }
            try {
                registries.named(move.to().registry()).putManifest(move.to().repository(), move.tag(), move.manifest());
                done.add(move);
                results.add(MoveResult.of(move, MoveStatus.MOVED, "moved"));
            } catch (RegistryException e) {
                failure = e.getMessage();
                results.add(MoveResult.of(move, MoveStatus.FAILED, e.getMessage()));
                index++;
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                failure = "the promotion was cancelled while moving " + move;
                results.add(MoveResult.of(move, MoveStatus.NOT_MOVED, failure));
                index++;
                break;
            }
        }
        if (failure == null) {
            return new PromotionReport(false, true, List.of(), null, results);
        }
        for (; index < plan.moves().size(); index++) {
            results.add(MoveResult.of(plan.moves().get(index), MoveStatus.NOT_MOVED,
                    "not tried: an earlier move failed and the promotion was rolled back"));
        }
        for (int i = done.size() - 1; i >= 0; i--) {
            TagMove move = done.get(i);
            int at = results.indexOf(MoveResult.of(move, MoveStatus.MOVED, "moved"));
            results.set(at, rollBack(move));
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new PromotionReport(false, false, List.of(), failure, results);
    }

    private MoveResult rollBack(TagMove move) {
        try {
            Registry into = registries.named(move.to().registry());
            if (move.before().isPresent()) {
                into.putManifest(move.to().repository(), move.tag(), move.before().get());
                return MoveResult.of(move, MoveStatus.ROLLED_BACK, "put back to " + move.before().get().digest());
            }
            into.deleteTag(move.to().repository(), move.tag());
            return MoveResult.of(move, MoveStatus.ROLLED_BACK, "removed again: the tag did not exist before");
        } catch (RegistryException e) {
            return MoveResult.of(move, MoveStatus.ROLLBACK_FAILED, "still points at " + move.after()
                    + " after the rollback failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return MoveResult.of(move, MoveStatus.ROLLBACK_FAILED, "still points at " + move.after()
                    + ": the rollback was interrupted");
        }
    }

    /** A failure before any tag moved: the failed move says why, every tag stays where it was. */
    private static PromotionReport notMoved(PromotionPlan plan, TagMove failed, String reason) {
        List<MoveResult> results = new ArrayList<>();
        for (TagMove move : plan.moves()) {
            results.add(move.equals(failed) ? MoveResult.of(move, MoveStatus.FAILED, reason)
                    : MoveResult.of(move, MoveStatus.NOT_MOVED, "not moved: copying " + failed.from() + " to "
                    + failed.to() + " failed, so no tag was moved"));
        }
        return new PromotionReport(false, false, List.of(), reason, results);
    }

    private static PromotionReport refused(PromotionPlan plan, List<String> reasons) {
        List<MoveResult> results = new ArrayList<>();
        for (TagMove move : plan.moves()) {
            results.add(MoveResult.of(move, MoveStatus.NOT_MOVED, "the promotion is refused"));
        }
        return new PromotionReport(false, false, reasons, null, results);
    }

    private static Optional<String> sourceMoved(PromotionSource source, Optional<Digest> now) {
        if (now.isEmpty()) {
            return Optional.of(source.from() + ":" + source.tag() + " no longer exists; it was tested at "
                    + source.tested() + ". Build and test again before promoting.");
        }
        if (!now.get().equals(source.tested())) {
            return Optional.of(source.from() + ":" + source.tag() + " now points at " + now.get() + ", not at the tested "
                    + source.tested() + ": it moved since it was tested. Test the new image before promoting it.");
        }
        return Optional.empty();
    }
}
