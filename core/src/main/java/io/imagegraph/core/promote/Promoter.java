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

    /** How many images are read or moved at once unless told otherwise. */
    public static final int DEFAULT_PARALLELISM = 8;

    private final Registries registries;
    private final int parallelism;

    public Promoter(Registries registries) {
        this(registries, DEFAULT_PARALLELISM);
    }

    /** @param parallelism how many images are read, copied or moved at once */
    public Promoter(Registries registries, int parallelism) {
        this.registries = registries;
        this.parallelism = Math.max(1, parallelism);
    }

    /** What planning found for one image: its moves, or why it may not be promoted. */
    private record SourcePlan(List<TagMove> moves, String refusal) {
    }

    /**
     * Reads what the promotion would change.
     *
     * @param blocked images that may not be promoted, with the reason (gate failed, held)
     */
    public PromotionPlan plan(List<PromotionSource> sources, PromotionTarget target, Map<String, String> blocked)
            throws RegistryException, InterruptedException {
        List<SourcePlan> planned = ParallelCalls.map(parallelism, sources, source -> {
            if (blocked.containsKey(source.image())) {
                return new SourcePlan(List.of(), source.image() + " may not be promoted: " + blocked.get(source.image()));
            }
            Registry from = registries.named(source.from().registry());
            Optional<Manifest> tested = from.manifest(source.from().repository(), source.tag());
            Optional<String> moved = sourceMoved(source, tested.map(Manifest::digest));
            if (moved.isPresent()) {
                return new SourcePlan(List.of(), moved.get());
            }
            ImageLocation to = target.locationFor(source.from());
            Registry into = registries.named(to.registry());
            List<TagMove> moves = new ArrayList<>();
            for (String tag : target.tags()) {
                moves.add(new TagMove(source.image(), source.from(), to, tag,
                        into.head(to.repository(), tag).map(ManifestDescriptor::digest), tested.get()));
            }
            return new SourcePlan(moves, null);
        });
        List<String> refusals = new ArrayList<>();
        List<TagMove> moves = new ArrayList<>();
        for (SourcePlan one : planned) {
            moves.addAll(one.moves());
            if (one.refusal() != null) {
                refusals.add(one.refusal());
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

    /**
     * Plans and moves in one go: the source tags were read a moment ago by the plan, so they are
     * not read a second time (one request an image fewer than {@link #apply} after a shown plan).
     */
    public PromotionReport promote(List<PromotionSource> sources, PromotionTarget target, Map<String, String> blocked)
            throws RegistryException, InterruptedException {
        PromotionPlan plan = plan(sources, target, blocked);
        return plan.isRefused() ? refused(plan, plan.refusals()) : move(plan);
    }

    /**
     * Moves the tags of a plan made earlier (and perhaps shown), all or none, after checking
     * again that every source tag still points at its tested digest.
     */
    public PromotionReport apply(PromotionPlan plan) throws InterruptedException {
        if (plan.isRefused()) {
            return refused(plan, plan.refusals());
        }
        List<String> stale = new ArrayList<>();
        try {
            List<Optional<String>> checks = ParallelCalls.map(parallelism, plan.sources(), source ->
                    sourceMoved(source, registries.named(source.from().registry())
                            .head(source.from().repository(), source.tag()).map(ManifestDescriptor::digest)));
            checks.forEach(check -> check.ifPresent(stale::add));
        } catch (RegistryException e) {
            stale.add(e.getMessage());
        }
        if (!stale.isEmpty()) {
            return refused(plan, stale);
        }
        return move(plan);
    }

    private PromotionReport move(PromotionPlan plan) throws InterruptedException {
        // First everything each manifest needs in its target repository (blob mounts and copies,
        // the bulk of the work and of what can fail), then the tags, which are single small PUTs:
        // a failure in the first part leaves every tag where it was.
        List<TagMove> toMove = plan.moves().stream().filter(move -> !move.isUnchanged()).toList();
        List<String> copyFailures = ParallelCalls.map(parallelism, toMove, move -> {
            try {
                ManifestContent.ensure(registries.named(move.from().registry()), move.from(),
                        registries.named(move.to().registry()), move.to(), move.manifest());
                return null;
            } catch (RegistryException e) {
                return e.getMessage();
            }
        });
        for (int i = 0; i < toMove.size(); i++) {
            if (copyFailures.get(i) != null) {
                return notMoved(plan, toMove.get(i), copyFailures.get(i));
            }
        }
        // The tags, several at a time; after a failure no further move starts.
        java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
        List<MoveResult> results = new ArrayList<>(ParallelCalls.map(parallelism, plan.moves(), move -> {
            if (move.isUnchanged()) {
                return MoveResult.of(move, MoveStatus.UNCHANGED, "already at the tested digest");
            }
            if (firstFailure.get() != null) {
                return MoveResult.of(move, MoveStatus.NOT_MOVED,
                        "not tried: an earlier move failed and the promotion was rolled back");
            }
            try {
                registries.named(move.to().registry()).putManifest(move.to().repository(), move.tag(), move.manifest());
                return MoveResult.of(move, MoveStatus.MOVED, "moved");
            } catch (RegistryException e) {
                firstFailure.compareAndSet(null, e.getMessage());
                return MoveResult.of(move, MoveStatus.FAILED, e.getMessage());
            }
        }));
        String failure = firstFailure.get();
        boolean interrupted = Thread.interrupted();
        if (interrupted && failure == null) {
            failure = "the promotion was cancelled";
        }
        if (failure != null) {
            for (int i = results.size() - 1; i >= 0; i--) {
                if (results.get(i).status() == MoveStatus.MOVED) {
                    results.set(i, rollBack(plan.moves().get(i)));
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new PromotionReport(false, failure == null, List.of(), failure, results);
    }

    private MoveResult rollBack(TagMove move) {
        try {
            Registry into = registries.named(move.to().registry());
            if (move.before().isPresent()) {
                Manifest before = into.manifest(move.to().repository(), move.before().get().toString())
                        .orElseThrow(() -> RegistryException.of("put " + move.to() + ":" + move.tag() + " back",
                                into.name(), "its previous manifest " + move.before().get() + " is gone"));
                into.putManifest(move.to().repository(), move.tag(), before);
                return MoveResult.of(move, MoveStatus.ROLLED_BACK, "put back to " + move.before().get());
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
