package io.imagegraph.core.promote;

import io.imagegraph.core.state.Journal;
import io.imagegraph.core.state.StateStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The promotions not yet known to be whole, in the state folder's {@code promotion-journal}: one
 * is written before any of its tags moves and removed once a read-back finds its tags all new or
 * all old. Whatever stays is pending, for {@link PromotionRecovery}.
 */
public final class PromotionJournal {

    public static final String JOURNAL = "promotion-journal";

    private final Journal<PromotionIntent> journal;
    private final String where;

    private PromotionJournal(Journal<PromotionIntent> journal, String where) {
        this.journal = journal;
        this.where = where;
    }

    /** @param where the folder, for messages */
    public static PromotionJournal in(StateStore store, String where) {
        return new PromotionJournal(store.journal(JOURNAL, PromotionIntent.class), where);
    }

    /** The folder it is in, as messages name it. */
    public String where() {
        return where;
    }

    /** Writes a promotion down before any of its tags moves. */
    public void open(PromotionIntent intent) throws IOException {
        journal.rewrite(open -> {
            List<PromotionIntent> next = new ArrayList<>(open);
            next.add(intent);
            return next;
        });
    }

    void close(String id) throws IOException {
        journal.rewrite(open -> open.stream().filter(intent -> !intent.id().equals(id)).toList());
    }

    void markPending(String id) throws IOException {
        journal.rewrite(open -> open.stream().map(intent -> intent.id().equals(id)
                ? intent.withStatus(PromotionIntent.PENDING) : intent).toList());
    }

    /** Every promotion not known to be whole, oldest first. */
    public List<PromotionIntent> open() throws IOException {
        return journal.read();
    }
}
