package io.imagegraph.core.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.state.StateDirectory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TagHistoryTest {

    private static final String REPO = "quay.io/acme/keystone";

    static String digest(int n) {
        return "sha256:" + String.format("%064x", n);
    }

    static TagEvent event(String tag, int digest, TagCause cause) {
        return new TagEvent(REPO, tag, digest(digest), null, cause, "2026-11-24T10:00:0" + digest + "Z", "run-" + digest,
                "keystone", null);
    }

    @Test
    void record_fillsThePreviousDigestFromTheHistory(@TempDir Path dir) throws Exception {
        TagHistory history = TagHistory.in(StateDirectory.at(dir));
        history.record(List.of(event("test", 1, TagCause.BUILT)));
        history.record(List.of(event("test", 2, TagCause.BUILT)));
        assertThat(history.history(REPO, "test")).extracting(TagEvent::previous).containsExactly(null, digest(1));
        assertThat(history.current(REPO, "test").orElseThrow().digest()).isEqualTo(digest(2));
    }

    @Test
    void record_eventThatMovesNothing_isNotWritten(@TempDir Path dir) throws Exception {
        TagHistory history = TagHistory.in(StateDirectory.at(dir));
        history.record(List.of(event("test", 1, TagCause.BUILT)));
        List<TagEvent> written = history.record(List.of(event("test", 1, TagCause.REUSED), event("latest", 1,
                TagCause.PROMOTED)));
        assertThat(written).extracting(TagEvent::tag).containsExactly("latest");
        assertThat(history.events()).hasSize(2);
    }

    @Test
    void tagsAndRepositories_giveEachTagsLatestEvent(@TempDir Path dir) throws Exception {
        TagHistory history = TagHistory.in(StateDirectory.at(dir));
        history.record(List.of(event("test", 1, TagCause.BUILT), event("latest", 1, TagCause.PROMOTED),
                event("test", 2, TagCause.BUILT)));
        assertThat(history.tags(REPO)).containsOnlyKeys("latest", "test");
        assertThat(history.tags(REPO).get("test").digest()).isEqualTo(digest(2));
        assertThat(history.repositories()).containsOnlyKeys(REPO);
        assertThat(history.current(REPO, "missing")).isEmpty();
    }

    @Test
    void withDigest_saysWhichRunMadeIt(@TempDir Path dir) throws Exception {
        TagHistory history = TagHistory.in(StateDirectory.at(dir));
        history.record(List.of(event("test", 1, TagCause.BUILT), event("latest", 1, TagCause.PROMOTED)));
        List<TagEvent> events = history.withDigest(digest(1));
        assertThat(events).extracting(TagEvent::cause).containsExactly(TagCause.BUILT, TagCause.PROMOTED);
        assertThat(events.get(0).runId()).isEqualTo("run-1");
    }
}
