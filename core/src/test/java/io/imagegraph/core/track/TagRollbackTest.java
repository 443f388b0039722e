package io.imagegraph.core.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.promote.ImageLocation;
import io.imagegraph.core.promote.IntendedTag;
import io.imagegraph.core.promote.PromotionIntent;
import io.imagegraph.core.promote.PromotionJournal;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.testing.RegistryExtension;
import io.imagegraph.core.testing.TestImages;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Rollbacks against a real CNCF registry on loopback. */
class TagRollbackTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);
    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();
    private static final Registries registries = REGISTRY.registries();

    @TempDir
    Path state;

    private TagHistory history;
    private ImageLocation location;
    private Manifest first;
    private Manifest second;
    private Manifest third;

    /** keystone:latest was promoted three times: first, second, third (now). */
    @BeforeEach
    void threePromotions() throws Exception {
        history = TagHistory.in(StateDirectory.at(state));
        String repository = RegistryExtension.unique("r", "keystone");
        location = new ImageLocation(REGISTRY.host(), RepositoryName.of(repository));
        int n = 0;
        for (String label : List.of("first", "second", "third")) {
            Manifest pushed = TestImages.push(registry(), repository, "latest", label);
            history.record(List.of(new TagEvent(location.toString(), "latest", pushed.digest().toString(), null,
                    TagCause.PROMOTED, "2026-11-2" + (++n) + "T00:00:00Z", "run-" + n, "keystone", null)));
            switch (label) {
                case "first" -> first = pushed;
                case "second" -> second = pushed;
                default -> third = pushed;
            }
        }
    }

    private static Registry registry() throws Exception {
        return registries.named(REGISTRY.host());
    }

    private TagRollback rollback(Map<String, HoldEvent> holds) {
        return new TagRollback(registries, history, HeldImages.of(holds, List.of()),
                PromotionJournal.in(StateDirectory.at(state), state.toString()), CLOCK);
    }

    private Optional<Digest> latest() throws Exception {
        return registry().head(location.repository(), "latest").map(d -> d.digest());
    }

    @Test
    void rollBack_oneStep_movesTheRegistryTagAndRecordsIt() throws Exception {
        TagRollback.Result result = rollback(Map.of()).rollBack(location, "latest", Optional.empty(), 1, false, "alice");
        assertThat(result.moved()).isTrue();
        assertThat(result.before()).contains(third.digest());
        assertThat(result.after()).isEqualTo(second.digest());
        assertThat(latest()).contains(second.digest());
        TagEvent recorded = history.current(location.toString(), "latest").orElseThrow();
        assertThat(recorded.cause()).isEqualTo(TagCause.ROLLBACK);
        assertThat(recorded.previous()).isEqualTo(third.digest().toString());
        assertThat(recorded.detail()).isEqualTo("rolled back by alice");
    }

    @Test
    void rollBack_firstSettlesAPromotionOfTheRepositoryThatTheJournalHolds() throws Exception {
        TestImages.push(registry(), location.repository().value(), "stable", "second");
        PromotionJournal journal = PromotionJournal.in(StateDirectory.at(state), state.toString());
        journal.open(new PromotionIntent("cut", "run-4", "2026-11-24T11:00:00Z", PromotionIntent.PENDING, List.of(
                new IntendedTag("keystone", location.registry(), location.repository().value(), "latest",
                        second.digest().toString(), third.digest().toString()),
                new IntendedTag("keystone", location.registry(), location.repository().value(), "stable",
                        second.digest().toString(), third.digest().toString()))));
        rollback(Map.of()).rollBack(location, "latest", Optional.of(first.digest()), 1, false, "alice");
        assertThat(journal.open()).isEmpty();
        assertThat(registry().head(location.repository(), "stable").orElseThrow().digest()).isEqualTo(second.digest());
        assertThat(latest()).contains(first.digest());
    }

    @Test
    void rollBack_toANamedDigest_goesThere() throws Exception {
        rollback(Map.of()).rollBack(location, "latest", Optional.of(first.digest()), 1, false, "alice");
        assertThat(latest()).contains(first.digest());
    }

    @Test
    void rollBack_dryRun_movesNothing() throws Exception {
        TagRollback.Result result = rollback(Map.of()).rollBack(location, "latest", Optional.empty(), 2, true, "alice");
        assertThat(result.after()).isEqualTo(first.digest());
        assertThat(result.moved()).isFalse();
        assertThat(latest()).contains(third.digest());
        assertThat(history.history(location.toString(), "latest")).hasSize(3);
    }

    @Test
    void rollBack_digestTheTagNeverHad_isRefusedListingTheOnesItHad() {
        Digest stranger = Digest.sha256("never");
        assertThatThrownBy(() -> rollback(Map.of()).rollBack(location, "latest", Optional.of(stranger), 1, false, "a"))
                .isInstanceOf(RollbackRefusedException.class)
                .hasMessageContaining("never pointed at " + stranger)
                .hasMessageContaining(third.digest() + ", " + second.digest() + ", " + first.digest());
    }

    @Test
    void rollBack_moreStepsThanTheHistoryHas_isRefused() {
        assertThatThrownBy(() -> rollback(Map.of()).rollBack(location, "latest", Optional.empty(), 3, false, "a"))
                .isInstanceOf(RollbackRefusedException.class)
                .hasMessageContaining("has moved only 2 times in the tag history, so it cannot go 3 back");
    }

    @Test
    void rollBack_toAHeldDigest_isRefusedAndMovesNothing() throws Exception {
        HoldEvent hold = new HoldEvent(second.digest().toString(), true, "CVE-2026-7", "t", "sec", "manual");
        assertThatThrownBy(() -> rollback(Map.of(second.digest().toString(), hold))
                .rollBack(location, "latest", Optional.empty(), 1, false, "a"))
                .isInstanceOf(RollbackRefusedException.class)
                .hasMessageContaining("is held (CVE-2026-7)").hasMessageContaining("imagegraph held --release");
        assertThat(latest()).contains(third.digest());
    }

    @Test
    void rollBack_toADigestDeletedFromTheRegistry_isRefused() throws Exception {
        registry().deleteManifest(location.repository(), first.digest());
        assertThatThrownBy(() -> rollback(Map.of()).rollBack(location, "latest", Optional.of(first.digest()), 1, false,
                "a")).isInstanceOf(RollbackRefusedException.class).hasMessageContaining("is no longer in the registry");
        assertThat(latest()).contains(third.digest());
    }

    @Test
    void rollBack_tagTheHistoryNeverSaw_isRefused() {
        assertThatThrownBy(() -> rollback(Map.of()).rollBack(location, "stable", Optional.empty(), 1, false, "a"))
                .isInstanceOf(RollbackRefusedException.class).hasMessageContaining("has no record of");
    }
}
