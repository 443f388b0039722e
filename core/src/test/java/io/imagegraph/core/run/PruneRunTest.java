package io.imagegraph.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.promote.ImageLocation;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.retention.RetentionPolicy;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.testing.GraphFixture;
import io.imagegraph.core.testing.RegistryExtension;
import io.imagegraph.core.testing.TestImages;
import io.imagegraph.core.track.TagCause;
import io.imagegraph.core.track.TagEvent;
import io.imagegraph.core.track.TagHistory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Prune runs against a real CNCF registry on loopback. */
class PruneRunTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    @TempDir
    Path dir;

    private PruneRun pruneRun() {
        return new PruneRun(REGISTRY.registries(), StateDirectory.at(dir), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Two versions of a repository, 30 and 20 days old; returns the repository. */
    private ImageLocation twoOldVersions() throws Exception {
        ImageLocation location = new ImageLocation(REGISTRY.host(), RepositoryName.of(RegistryExtension.unique("prune", "app")));
        TagHistory history = TagHistory.in(StateDirectory.at(dir));
        int age = 30;
        for (String tag : List.of("pr-1", "pr-2")) {
            Manifest pushed = TestImages.push(REGISTRY.client(), location.repository().value(), tag, tag);
            history.record(List.of(new TagEvent(location.toString(), tag, pushed.digest().toString(), null,
                    TagCause.BUILT, NOW.minus(Duration.ofDays(age)).toString(), "run", "app", null)));
            age -= 10;
        }
        return location;
    }

    private static RetentionPolicy keepOne() throws RunRequestException {
        return PruneRun.policy(RetentionPolicy.defaults(), Optional.of(1), Optional.of("7d"), List.of("latest"));
    }

    @Test
    void run_dryRun_saysWhatWouldGo_andDeletesNothing() throws Exception {
        ImageLocation location = twoOldVersions();
        PruneRun.Outcome outcome = pruneRun().run(List.of(location), keepOne(), false);
        assertThat(outcome.dryRun()).isTrue();
        assertThat(outcome.deletions()).isEqualTo(1);
        assertThat(REGISTRY.client().head(location.repository(), "pr-1")).isPresent();
        assertThat(PruneReportJson.toJson(outcome)).contains("\"dryRun\" : true").contains("\"decision\" : \"delete\"");
    }

    @Test
    void run_confirmed_deletesTheOlderVersion() throws Exception {
        ImageLocation location = twoOldVersions();
        PruneRun.Outcome outcome = pruneRun().run(List.of(location), keepOne(), true);
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.deletions()).isEqualTo(1);
        assertThat(REGISTRY.client().head(location.repository(), "pr-1")).isEmpty();
        assertThat(REGISTRY.client().head(location.repository(), "pr-2")).isPresent();
    }

    @Test
    void repositoriesOf_graphWithoutRegistry_isRefused() throws Exception {
        GraphFixture graph = new GraphFixture(dir.resolve("graph")).image("app", "FROM scratch\n");
        assertThatThrownBy(() -> PruneRun.repositoriesOf(graph.graph(), Optional.empty()))
                .isInstanceOf(RunRequestException.class).hasMessageContaining("the graph names no registry");
        assertThat(PruneRun.repositoriesOf(graph.graph(), Optional.of(REGISTRY.host())))
                .extracting(ImageLocation::registry).containsExactly(REGISTRY.host());
    }

    @Test
    void repositories_withATag_isRefused() {
        assertThatThrownBy(() -> PruneRun.repositories(List.of("quay.io/acme/app:latest")))
                .isInstanceOf(RunRequestException.class)
                .hasMessageContaining("REGISTRY/REPOSITORY without a tag, not quay.io/acme/app:latest");
    }

    @Test
    void policy_badPatternOrAge_isRefused() {
        assertThatThrownBy(() -> PruneRun.policy(RetentionPolicy.defaults(), Optional.empty(), Optional.empty(),
                List.of("v(")))
                .isInstanceOf(RunRequestException.class).hasMessageContaining("'v(' is not a regular expression");
        assertThatThrownBy(() -> PruneRun.policy(RetentionPolicy.defaults(), Optional.empty(), Optional.of("soon"),
                List.of()))
                .isInstanceOf(RunRequestException.class).hasMessageContaining("'soon' is not a duration");
    }

    @Test
    void policy_nothingGiven_isTheBase() throws Exception {
        RetentionPolicy base = RetentionPolicy.defaults();
        RetentionPolicy policy = PruneRun.policy(base, Optional.empty(), Optional.empty(), List.of());
        assertThat(policy.keep()).isEqualTo(base.keep());
        assertThat(policy.minAge()).isEqualTo(base.minAge());
    }
}
