package io.imagegraph.core.promote;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.ManifestDescriptor;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.registry.RegistryException;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Moves tags to exactly the digests that were tested, registry side: no pull, no push through a
 * daemon. {@link #plan} reads every source and target tag; moving first makes each manifest's
 * content present in its target repository, checks again that each source tag still points at its
 * tested digest, writes the promotion to the {@link PromotionJournal}, then puts the tags. After any
 * failure, lost answer or cancellation every tag is read back, and the promotion is brought to all
 * new or all old ({@link TagSettlement}); what cannot be read back or put right stays pending in
 * the journal for {@link PromotionRecovery}. Images that failed their gate or are held are refused
 * by the caller's {@code blocked} map, and each of their tags gets a {@code refused} row.
 */
public final class Promoter {

    /** How many images are read or moved at once unless told otherwise. */
    public static final int DEFAULT_PARALLELISM = 8;

    private final Registries registries;
    private final int parallelism;
    private final PromotionJournal journal;
    private final String runId;
    private final Clock clock;

    /**
     * @param parallelism how many images are read, copied or moved at once
     * @param journal     where a promotion is written down before its tags move
     * @param runId       the build run whose images it promotes, for the journal
     */
    public Promoter(Registries registries, int parallelism, PromotionJournal journal, String runId, Clock clock) {
        this.registries = registries;
        this.parallelism = Math.max(1, parallelism);
        this.journal = journal;
        this.runId = runId;
        this.clock = clock;
    }

    /** What planning found for one image: its moves, or why it may not be promoted and its rows. */
    private record SourcePlan(List<TagMove> moves, String refusal, List<MoveResult> refusedRows) {
    }

    /**
     * Reads what the promotion would change.
     *
     * @param blocked images that may not be promoted, with the reason (gate failed, held)
     */
    public PromotionPlan plan(List<PromotionSource> sources, PromotionTarget target, Map<String, String> blocked)
            throws RegistryException, InterruptedException {
        List<SourcePlan> planned = ParallelCalls.map(parallelism, sources, source -> {
            ImageLocation to = target.locationFor(source.from());
            Registry into = registries.named(to.registry());
            if (blocked.containsKey(source.image())) {
                String refusal = source.image() + " may not be promoted: " + blocked.get(source.image());
                return new SourcePlan(List.of(), refusal, refusedRows(source, to, into, target, refusal));
            }
            Registry from = registries.named(source.from().registry());
            Optional<Manifest> tested = from.manifest(source.from().repository(), source.tag());
            Optional<String> moved = sourceMoved(source, tested.map(Manifest::digest));
            if (moved.isPresent()) {
                return new SourcePlan(List.of(), moved.get(), refusedRows(source, to, into, target, moved.get()));
            }
            List<TagMove> moves = new ArrayList<>();
            for (String tag : target.tags()) {
                moves.add(new TagMove(source.image(), source.from(), to, tag,
                        into.head(to.repository(), tag).map(ManifestDescriptor::digest), tested.get()));
            }
            return new SourcePlan(moves, null, List.of());
        });
        List<String> refusals = new ArrayList<>();
        List<TagMove> moves = new ArrayList<>();
        List<MoveResult> refused = new ArrayList<>();
        for (SourcePlan one : planned) {
            moves.addAll(one.moves());
            refused.addAll(one.refusedRows());
            if (one.refusal() != null) {
                refusals.add(one.refusal());
            }
        }
        return new PromotionPlan(sources, moves, refusals, refused);
    }

    private static List<MoveResult> refusedRows(PromotionSource source, ImageLocation to, Registry into,
                                                PromotionTarget target, String refusal)
            throws RegistryException, InterruptedException {
        List<MoveResult> rows = new ArrayList<>();
        for (String tag : target.tags()) {
            rows.add(new MoveResult(source.image(), to, tag, into.head(to.repository(), tag)
                    .map(ManifestDescriptor::digest), source.tested(), MoveStatus.REFUSED, refusal));
        }
        return rows;
    }

    /** What {@link #apply} would do, as a report, moving nothing. */
    public PromotionReport dryRun(PromotionPlan plan) {
        List<MoveResult> results = new ArrayList<>();
        for (TagMove move : plan.moves()) {
            results.add(plan.isRefused() ? MoveResult.of(move, MoveStatus.NOT_MOVED, "the promotion is refused")
                    : move.isUnchanged() ? MoveResult.of(move, MoveStatus.UNCHANGED, "already at the tested digest")
                    : MoveResult.of(move, MoveStatus.PLANNED, "would move " + move));
        }
        results.addAll(plan.refused());
        return new PromotionReport(true, !plan.isRefused(), plan.refusals(), null, results);
    }

    /**
     * Plans and moves in one go: the source tags were read a moment ago by the plan. When content
     * had to be put into another repository first they are read again once it is in place, just
     * before the tags move; when every tag moves within its own repository nothing happened since
     * the plan's read, and a second read would only add a request an image (a quarter of them).
     */
    public PromotionReport promote(List<PromotionSource> sources, PromotionTarget target, Map<String, String> blocked)
            throws RegistryException, InterruptedException {
        return apply(plan(sources, target, blocked), true);
    }

    /**
     * Moves the tags of a plan made earlier (and perhaps shown), all or none, after checking
     * again that every source tag still points at its tested digest.
     */
    public PromotionReport apply(PromotionPlan plan) throws InterruptedException {
        return apply(plan, false);
    }

    private PromotionReport apply(PromotionPlan plan, boolean planJustRead) throws InterruptedException {
        if (plan.isRefused()) {
            return refused(plan, plan.refusals());
        }
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
        boolean contentMoved = toMove.stream().anyMatch(move -> !move.from().equals(move.to()));
        List<String> stale = planJustRead && !contentMoved ? List.of() : sourcesMoved(plan.sources());
        if (!stale.isEmpty()) {
            return refused(plan, stale);
        }
        if (toMove.isEmpty()) {
            return settledReport(plan, Map.of(), Map.of(), null, null);
        }
        PromotionIntent intent = new PromotionIntent(UUID.randomUUID().toString(), runId,
                clock.instant().toString(), PromotionIntent.MOVING, toMove.stream().map(IntendedTag::of).toList());
        try {
            journal.open(intent);
        } catch (IOException e) {
            return refused(plan, List.of("the promotion journal in " + journal.where() + " cannot be written, so a"
                    + " promotion cut short could not be finished later: " + e.getMessage()));
        }
        return moveTags(plan, intent);
    }

    /** The tags, several at a time; after a failure no further move starts, and every tag is read back. */
    private PromotionReport moveTags(PromotionPlan plan, PromotionIntent intent) throws InterruptedException {
        AtomicReference<String> firstFailure = new AtomicReference<>();
        Map<TagMove, String> errors = new ConcurrentHashMap<>();
        Map<TagMove, Boolean> tried = new ConcurrentHashMap<>();
        ParallelCalls.map(parallelism, plan.moves(), move -> {
            if (move.isUnchanged() || firstFailure.get() != null || Thread.currentThread().isInterrupted()) {
                return null;
            }
            tried.put(move, true);
            try {
                registries.named(move.to().registry()).putManifest(move.to().repository(), move.tag(), move.manifest());
            } catch (RegistryException e) {
                firstFailure.compareAndSet(null, e.getMessage());
                errors.put(move, e.getMessage());
            }
            return null;
        });
        String failure = firstFailure.get();
        boolean interrupted = Thread.interrupted();
        if (interrupted && failure == null) {
            failure = "the promotion was cancelled";
        }
        try {
            if (failure == null) {
                forget(intent);
                return settledReport(plan, tried, errors, null, null);
            }
            TagSettlement.Settlement settled = new TagSettlement(registries, parallelism).settle(intent.tags());
            if (settled.isWhole()) {
                forget(intent);
            } else {
                try {
                    journal.markPending(intent.id());
                } catch (IOException e) {
                    // the entry is still there as "moving", which recovery treats the same
                }
            }
            return settledReport(plan, tried, errors, failure, settled);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The report of moved tags: without a settlement (nothing failed), every tag tried is moved;
     * with one, each row says what the read-back found.
     */
    private PromotionReport settledReport(PromotionPlan plan, Map<TagMove, Boolean> tried, Map<TagMove, String> errors,
                                          String failure, TagSettlement.Settlement settled) {
        List<MoveResult> results = new ArrayList<>();
        boolean allNew = true;
        for (TagMove move : plan.moves()) {
            MoveResult row = move.isUnchanged() ? MoveResult.of(move, MoveStatus.UNCHANGED, "already at the tested digest")
                    : settled == null ? MoveResult.of(move, MoveStatus.MOVED, "moved")
                    : SettledRows.of(move, settled, tried.containsKey(move), errors.get(move), journal.where());
            allNew &= row.status().isNew();
            results.add(row);
        }
        results.addAll(plan.refused());
        return new PromotionReport(false, allNew, List.of(), allNew ? null : failure, results);
    }

    /** Closes a whole promotion; a close that fails leaves an entry that recovery finds whole and closes. */
    private void forget(PromotionIntent intent) {
        try {
            journal.close(intent.id());
        } catch (IOException e) {
            // harmless: the next recovery reads the tags back, finds them whole and removes the entry
        }
    }

    private List<String> sourcesMoved(List<PromotionSource> sources) throws InterruptedException {
        List<String> stale = new ArrayList<>();
        try {
            List<Optional<String>> checks = ParallelCalls.map(parallelism, sources, source ->
                    sourceMoved(source, registries.named(source.from().registry())
                            .head(source.from().repository(), source.tag()).map(ManifestDescriptor::digest)));
            checks.forEach(check -> check.ifPresent(stale::add));
        } catch (RegistryException e) {
            stale.add("the source tags could not be checked again before moving: " + e.getMessage());
        }
        return stale;
    }

    /** A failure before any tag moved: the failed move says why, every tag stays where it was. */
    private static PromotionReport notMoved(PromotionPlan plan, TagMove failed, String reason) {
        List<MoveResult> results = new ArrayList<>();
        for (TagMove move : plan.moves()) {
            results.add(move.equals(failed) ? MoveResult.of(move, MoveStatus.FAILED, reason)
                    : MoveResult.of(move, MoveStatus.NOT_MOVED, "not moved: copying " + failed.from() + " to "
                    + failed.to() + " failed, so no tag was moved"));
        }
        results.addAll(plan.refused());
        return new PromotionReport(false, false, List.of(), reason, results);
    }

    private static PromotionReport refused(PromotionPlan plan, List<String> reasons) {
        List<MoveResult> results = new ArrayList<>();
        for (TagMove move : plan.moves()) {
            results.add(MoveResult.of(move, MoveStatus.NOT_MOVED, "the promotion is refused"));
        }
        results.addAll(plan.refused());
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
