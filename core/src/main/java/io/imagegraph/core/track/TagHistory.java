package io.imagegraph.core.track;

import io.imagegraph.core.state.CompactedJournal;
import io.imagegraph.core.state.Journal;
import io.imagegraph.core.state.NewestByKey;
import io.imagegraph.core.state.StateStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every tag's history, from the {@code tag-history} journal: which digest each tag pointed at,
 * since when and why. Only moves are kept: an event that would leave a tag at the digest the
 * history already has for it is not written, so a rerun that reuses everything adds nothing. Where
 * each tag is now (what every build and promotion asks) is read from the journal's compaction,
 * the newest event of each tag, in time independent of the history's length.
 */
public final class TagHistory {

    public static final String JOURNAL = "tag-history";

    private final Journal<TagEvent> journal;
    private final CompactedJournal<TagEvent> latest;

    private TagHistory(Journal<TagEvent> journal, CompactedJournal<TagEvent> latest) {
        this.journal = journal;
        this.latest = latest;
    }

    public static TagHistory in(StateStore store) {
        return new TagHistory(store.journal(JOURNAL, TagEvent.class),
                store.compacted(JOURNAL, TagEvent.class, NewestByKey.newest(TagEvent::reference)));
    }

    /**
     * Writes the events that move a tag; an event that does not say what the tag pointed at
     * before gets what the history last had. Returns the events written.
     */
    public List<TagEvent> record(List<TagEvent> events) throws IOException {
        return latest.appendDecided(kept -> {
            Map<String, String> current = new HashMap<>();
            kept.forEach(event -> current.put(event.reference(), event.digest()));
            List<TagEvent> moves = new ArrayList<>();
            for (TagEvent event : events) {
                String before = current.get(event.reference());
                if (event.digest().equals(before)) {
                    continue;
                }
                moves.add(event.previous() == null && before != null ? event.withPrevious(before) : event);
                current.put(event.reference(), event.digest());
            }
            return moves;
        });
    }

    /** Every event, oldest first. */
    public List<TagEvent> events() throws IOException {
        return journal.read();
    }

    /** One tag's events, oldest first. */
    public List<TagEvent> history(String repository, String tag) throws IOException {
        String reference = repository + ":" + tag;
        return journal.read().stream().filter(event -> event.reference().equals(reference)).toList();
    }

    /** What the history last saw a tag point at. */
    public Optional<TagEvent> current(String repository, String tag) throws IOException {
        String reference = repository + ":" + tag;
        return latest.kept().stream().filter(event -> event.reference().equals(reference)).findFirst();
    }

    /** Each tag of a repository with its latest event, by tag name. */
    public Map<String, TagEvent> tags(String repository) throws IOException {
        Map<String, TagEvent> tags = new TreeMap<>();
        for (TagEvent event : latest.kept()) {
            if (event.repository().equals(repository)) {
                tags.put(event.tag(), event);
            }
        }
        return tags;
    }

    /** Every repository the history knows, with the latest event of each of its tags. */
    public Map<String, Map<String, TagEvent>> repositories() throws IOException {
        Map<String, Map<String, TagEvent>> all = new LinkedHashMap<>();
        for (TagEvent event : journal.read()) {
            all.computeIfAbsent(event.repository(), key -> new TreeMap<>()).put(event.tag(), event);
        }
        return all;
    }

    /** The events that pointed a tag at this digest, oldest first: the first says which run made it. */
    public List<TagEvent> withDigest(String digest) throws IOException {
        return journal.read().stream().filter(event -> event.digest().equals(digest)).toList();
    }
}
