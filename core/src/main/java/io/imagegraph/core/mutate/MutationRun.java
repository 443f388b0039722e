package io.imagegraph.core.mutate;

import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.lineage.LineageStore;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.track.TagCause;
import io.imagegraph.core.track.TagEvent;
import io.imagegraph.core.track.TagHistory;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Applies mutations and keeps what they did: each moved {@code to} tag in the tag history (cause
 * {@code mutated}), and each overridden image in the lineage as built on its upstream digest, so
 * a hold on the upstream digest blocks the overridden image, and {@code rollback} can put the tag back.
 */
public final class MutationRun {

    private final ImageMutator mutator;
    private final LineageStore lineage;
    private final TagHistory history;
    private final Clock clock;

    public MutationRun(ImageMutator mutator, LineageStore lineage, TagHistory history, Clock clock) {
        this.mutator = mutator;
        this.lineage = lineage;
        this.history = history;
        this.clock = clock;
    }

    /**
     * Applies each mutation in turn (one that fails does not stop the others), telling
     * {@code progress} of each as it ends.
     */
    public List<MutationResult> apply(Collection<Mutation> mutations, boolean dryRun, String runId,
                                      Consumer<MutationResult> progress) throws IOException, InterruptedException {
        List<MutationResult> results = new ArrayList<>();
        List<TagEvent> events = new ArrayList<>();
        String time = clock.instant().toString();
        for (Mutation mutation : mutations) {
            MutationResult result = mutator.apply(mutation, dryRun);
            results.add(result);
            progress.accept(result);
            if (result.status() == MutationResult.Status.MUTATED || result.status() == MutationResult.Status.UNCHANGED) {
                events.add(new TagEvent(mutation.to().name(), mutation.to().tag().orElseThrow(), result.digest(),
                        result.previous(), TagCause.MUTATED, time, runId, mutation.name(),
                        "mutation " + mutation.name() + " of " + mutation.from() + "@" + result.sourceDigest()));
            }
        }
        if (dryRun) {
            return results;
        }
        Set<String> moved = new HashSet<>();
        history.record(events).forEach(event -> moved.add(event.digest()));
        List<LineageRecord> records = new ArrayList<>();
        for (Mutation mutation : mutations) {
            results.stream().filter(r -> r.name().equals(mutation.name()) && r.digest() != null
                            && moved.contains(r.digest()))
                    .findFirst().ifPresent(r -> records.add(record(mutation, r, time, runId)));
        }
        lineage.append(records);
        return results;
    }

    /** The overridden image as the lineage keeps it: built on the upstream digest, from its overrides. */
    static LineageRecord record(Mutation mutation, MutationResult result, String time, String runId) {
        return new LineageRecord(mutation.name(), "mutated", result.digest(), mutation.to().name(),
                inputDigest(mutation, result.sourceDigest()), List.of(),
                List.of(mutation.from() + "@" + result.sourceDigest()), null, time, runId, 0);
    }

    /** What decides the overridden image: the upstream digest and the overrides. */
    static String inputDigest(Mutation mutation, String sourceDigest) {
        return Digest.sha256("mutation\n" + sourceDigest + "\n" + mutation.overrides()).toString();
    }
}
