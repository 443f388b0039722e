package io.imagegraph.core.promote;

import io.imagegraph.core.registry.Registries;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Finishes the promotions the journal still holds (cut short by a crash, or pending because the
 * registry did not answer): each is read back and brought to all new or all old, as
 * {@link TagSettlement} decides, and removed from the journal once it is whole. What {@code
 * imagegraph promote --recover} runs, and what a promotion or rollback runs first for the
 * repositories it touches.
 */
public final class PromotionRecovery {

    /**
     * One journal entry after recovery.
     *
     * @param intent the promotion as the journal had it
     * @param report a row for each of its tags; {@code succeeded} when every tag is new
     */
    public record Recovered(PromotionIntent intent, PromotionReport report) {

        /** All new or all old now, and out of the journal. */
        public boolean isSettled() {
            return report.count(MoveStatus.PENDING) == 0;
        }

        /** One sentence: which way it settled, or which tags are still pending. */
        public String conclusion() {
            String which = "The promotion of run " + intent.runId() + " started " + intent.time();
            if (!isSettled()) {
                return which + " is still pending: " + String.join(", ", report.pendingTags()) + "; run imagegraph"
                        + " promote --recover again once the registry answers.";
            }
            return which + (report.succeeded() ? " is complete: every tag points at its tested digest."
                    : report.newTags().isEmpty() ? " is undone: every tag is at its old digest."
                    : " is settled; tags moved by someone else were left alone.");
        }
    }

    private final Registries registries;
    private final PromotionJournal journal;
    private final int parallelism;

    public PromotionRecovery(Registries registries, PromotionJournal journal, int parallelism) {
        this.registries = registries;
        this.journal = journal;
        this.parallelism = Math.max(1, parallelism);
    }

    /** Settles every open promotion that moves a tag in a repository {@code touching} accepts. */
    public List<Recovered> recover(Predicate<ImageLocation> touching) throws IOException, InterruptedException {
        List<Recovered> recovered = new ArrayList<>();
        for (PromotionIntent intent : journal.open()) {
            if (intent.tags().stream().anyMatch(tag -> touching.test(tag.location()))) {
                recovered.add(recover(intent));
            }
        }
        return recovered;
    }

    /** Settles one promotion of the journal: removed from it when whole, else kept as pending. */
    public Recovered recover(PromotionIntent intent) throws IOException, InterruptedException {
        TagSettlement.Settlement settled = new TagSettlement(registries, parallelism).settle(intent.tags());
        List<MoveResult> rows = intent.tags().stream()
                .map(tag -> SettledRows.ofRecovery(tag, settled, journal.where())).toList();
        boolean allNew = rows.stream().allMatch(row -> row.status().isNew());
        if (settled.isWhole()) {
            journal.close(intent.id());
        } else {
            journal.markPending(intent.id());
        }
        return new Recovered(intent, new PromotionReport(false, allNew, List.of(),
                settled.isWhole() ? null : "the registry did not let every tag be read back or put right", rows));
    }
}
