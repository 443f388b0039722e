package io.imagegraph.core.track;

import io.imagegraph.core.promote.ImageLocation;
import io.imagegraph.core.promote.PromotionJournal;
import io.imagegraph.core.promote.PromotionRecovery;
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
import java.util.Optional;

/**
 * Points a tag back at a digest it pointed at before, registry side (the old manifest's bytes put
 * under the tag again), and records that in the tag history. Only digests the history saw under
 * that tag qualify, a held digest never does, and one the registry no longer has is refused. A
 * promotion of the repository that the journal still holds is settled first.
 */
public final class TagRollback {

    /**
     * What a rollback did (or, for a dry run, would do).
     *
     * @param reference {@code registry/repository:tag}
     * @param before    what the tag pointed at in the registry
     * @param after     the earlier digest it points at now
     * @param moved     false when it already pointed there, or for a dry run
     * @param dryRun    true when nothing was to be moved
     */
    public record Result(String reference, Optional<Digest> before, Digest after, boolean moved, boolean dryRun) {
    }

    private final Registries registries;
    private final TagHistory history;
    private final HeldImages held;
    private final PromotionJournal journal;
    private final Clock clock;

    /** @param journal the promotions not yet settled; those of the tag's repository are settled first */
    public TagRollback(Registries registries, TagHistory history, HeldImages held, PromotionJournal journal,
                       Clock clock) {
        this.registries = registries;
        this.history = history;
        this.held = held;
        this.journal = journal;
        this.clock = clock;
    }

    /**
     * @param to    the digest to go back to; empty: {@code steps} moves back in the tag's history
     * @param steps how many moves back, when no digest is named (1: the digest before the current one)
     * @param by    who asked, for the history
     */
    public Result rollBack(ImageLocation location, String tag, Optional<Digest> to, int steps, boolean dryRun, String by)
            throws RollbackRefusedException, RegistryException, InterruptedException, IOException {
        String reference = location + ":" + tag;
        if (!dryRun) {
            settleEarlierPromotions(location, reference);
        }
        List<TagEvent> events = history.history(location.toString(), tag);
        if (events.isEmpty()) {
            throw new RollbackRefusedException("the tag history has no record of " + reference + ": only tags that"
                    + " image-graph built, promoted or saw move can be rolled back (imagegraph history lists them)");
        }
        Registry registry = registries.named(location.registry());
        Optional<Digest> before = registry.head(location.repository(), tag).map(ManifestDescriptor::digest);
        Digest target = to.isPresent() ? known(reference, events, to.get()) : stepsBack(reference, events, before, steps);
        Optional<HeldImages.Blocked> blocked = held.blocking(target.toString());
        if (blocked.isPresent()) {
            throw new RollbackRefusedException("cannot roll " + reference + " back to " + target + ": "
                    + blocked.get().reason() + "; release the hold first (imagegraph held --release)");
        }
        if (before.isPresent() && before.get().equals(target)) {
            return new Result(reference, before, target, false, dryRun);
        }
        Manifest manifest = registry.manifest(location.repository(), target.toString()).orElseThrow(() ->
                new RollbackRefusedException(location + "@" + target + " is no longer in the registry (deleted, perhaps"
                        + " by retention), so " + reference + " cannot point at it again"));
        if (dryRun) {
            return new Result(reference, before, target, false, true);
        }
        registry.putManifest(location.repository(), tag, manifest);
        TagEvent last = events.get(events.size() - 1);
        history.record(List.of(new TagEvent(location.toString(), tag, target.toString(),
                before.map(Digest::toString).orElse(null), TagCause.ROLLBACK, clock.instant().toString(), null,
                last.image(), "rolled back by " + by)));
        return new Result(reference, before, target, true, false);
    }

    /**
     * Settles what the promotion journal still holds for this repository, so that a rollback never
     * races a promotion cut short; refused while this very tag stays pending.
     */
    private void settleEarlierPromotions(ImageLocation location, String reference)
            throws RollbackRefusedException, IOException, InterruptedException {
        for (PromotionRecovery.Recovered recovered : new PromotionRecovery(registries, journal, 1)
                .recover(location::equals)) {
            history.record(TagEvents.ofPromotion(recovered.report(), recovered.intent().runId(), clock.instant()));
            if (recovered.report().pendingTags().contains(reference)) {
                throw new RollbackRefusedException(reference + " is pending from the promotion of run "
                        + recovered.intent().runId() + ", which the registry did not let finish; run imagegraph"
                        + " promote --recover once it answers, then roll back");
            }
        }
    }

    private static Digest known(String reference, List<TagEvent> events, Digest wanted) throws RollbackRefusedException {
        if (events.stream().noneMatch(event -> event.digest().equals(wanted.toString()))) {
            throw new RollbackRefusedException(reference + " never pointed at " + wanted + " in the tag history; it"
                    + " pointed at: " + String.join(", ", distinctNewestFirst(events)));
        }
        return wanted;
    }

    /** The digest {@code steps} moves back: each earlier event that names another digest is a step. */
    private static Digest stepsBack(String reference, List<TagEvent> events, Optional<Digest> now, int steps)
            throws RollbackRefusedException {
        if (steps < 1) {
            throw new RollbackRefusedException("--steps must be at least 1");
        }
        String current = now.map(Digest::toString).orElse(events.get(events.size() - 1).digest());
        int taken = 0;
        String previous = current;
        for (int i = events.size() - 1; i >= 0; i--) {
            String digest = events.get(i).digest();
            if (!digest.equals(previous)) {
                taken++;
                previous = digest;
                if (taken == steps) {
                    return Digest.of(digest);
                }
            }
        }
        throw new RollbackRefusedException(reference + " has moved only " + taken + " time" + (taken == 1 ? "" : "s")
                + " in the tag history, so it cannot go " + steps + " back; it pointed at: "
                + String.join(", ", distinctNewestFirst(events)));
    }

    private static List<String> distinctNewestFirst(List<TagEvent> events) {
        List<String> digests = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0; i--) {
            if (!digests.contains(events.get(i).digest())) {
                digests.add(events.get(i).digest());
            }
        }
        return digests;
    }
}
