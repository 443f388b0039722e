package io.imagegraph.core.track;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.state.Journal;
import io.imagegraph.core.state.StateStore;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vulnerability holds, from the {@code holds} journal: digests that may not be promoted, with
 * why. A later release lifts a hold; holding a digest again replaces its reason.
 */
public final class Holds {

    public static final String JOURNAL = "holds";

    private final Journal<HoldEvent> journal;

    private Holds(Journal<HoldEvent> journal) {
        this.journal = journal;
    }

    public static Holds in(StateStore store) {
        return new Holds(store.journal(JOURNAL, HoldEvent.class));
    }

    /** Holds each digest with its reason. */
    public void hold(Map<Digest, String> reasons, String by, String source, Instant time) throws IOException {
        journal.append(reasons.entrySet().stream().map(entry -> new HoldEvent(entry.getKey().toString(), true,
                entry.getValue(), time.toString(), by, source)).toList());
    }

    /**
     * Lifts the hold on a digest.
     *
     * @return false when the digest was not held (nothing is written)
     */
    public boolean release(Digest digest, String by, Instant time) throws IOException {
        if (!active().containsKey(digest.toString())) {
            return false;
        }
        journal.append(List.of(new HoldEvent(digest.toString(), false, null, time.toString(), by, "manual")));
        return true;
    }

    /** The digests held now, each with the event that holds it, in the order they were held. */
    public Map<String, HoldEvent> active() throws IOException {
        Map<String, HoldEvent> held = new LinkedHashMap<>();
        for (HoldEvent event : journal.read()) {
            if (event.held()) {
                held.put(event.digest(), event);
            } else {
                held.remove(event.digest());
            }
        }
        return held;
    }
}
