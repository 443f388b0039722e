package io.imagegraph.core.upstream;

import io.imagegraph.core.state.CompactedJournal;
import io.imagegraph.core.state.Journal;
import io.imagegraph.core.state.NewestByKey;
import io.imagegraph.core.state.StateStore;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What is known of upstream images: the digests each watch has seen (the {@code upstream}
 * journal, only changes) and when each watch was last polled ({@code upstream-polls}). The latest
 * digest of each watch, which every plan asks, is read from the journal's compaction.
 */
public final class UpstreamState {

    public static final String DIGESTS = "upstream";
    public static final String POLLS = "upstream-polls";

    private final Journal<UpstreamDigest> digests;
    private final CompactedJournal<UpstreamDigest> newest;
    private final Journal<UpstreamPoll> polls;

    private UpstreamState(Journal<UpstreamDigest> digests, CompactedJournal<UpstreamDigest> newest,
                          Journal<UpstreamPoll> polls) {
        this.digests = digests;
        this.newest = newest;
        this.polls = polls;
    }

    public static UpstreamState in(StateStore store) {
        return new UpstreamState(store.journal(DIGESTS, UpstreamDigest.class),
                store.compacted(DIGESTS, UpstreamDigest.class, NewestByKey.newest(UpstreamDigest::watch)),
                store.journal(POLLS, UpstreamPoll.class));
    }

    /** The latest digest of each watch, by watch key. */
    public Map<String, UpstreamDigest> current() throws IOException {
        return latest(newest.kept());
    }

    /**
     * Records the changes {@code decide} finds against the latest digest of each watch, deciding
     * under the journal's lock: two writers at once (a poll, several webhook requests) cannot
     * both record the same move. Returns what was recorded.
     */
    public List<UpstreamDigest> recordDecided(Function<Map<String, UpstreamDigest>, List<UpstreamDigest>> decide)
            throws IOException {
        return newest.appendDecided(records -> decide.apply(latest(records)));
    }

    private static Map<String, UpstreamDigest> latest(List<UpstreamDigest> records) {
        Map<String, UpstreamDigest> latest = new LinkedHashMap<>();
        records.forEach(seen -> latest.put(seen.watch(), seen));
        return latest;
    }

    /** Every change seen, oldest first. */
    public List<UpstreamDigest> changes() throws IOException {
        return digests.read();
    }

    public void record(List<UpstreamDigest> seen) throws IOException {
        newest.append(seen);
    }

    /** When each watch was last polled, by key. */
    public Map<String, Instant> lastPolled() throws IOException {
        Map<String, Instant> times = new HashMap<>();
        polls.read().forEach(poll -> times.put(poll.watch(), Instant.parse(poll.time())));
        return times;
    }

    /** Notes that these watches were polled at this time, keeping one entry per watch. */
    public void polled(List<String> watches, Instant time) throws IOException {
        if (watches.isEmpty()) {
            return;
        }
        polls.rewrite(before -> {
            List<UpstreamPoll> after = new ArrayList<>(before.stream().filter(p -> !watches.contains(p.watch())).toList());
            watches.forEach(watch -> after.add(new UpstreamPoll(watch, time.toString())));
            return after;
        });
    }
}
