package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.testing.GraphFixture;
import io.imagegraph.core.testing.RegistryExtension;
import io.imagegraph.core.testing.TestImages;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.track.TagCause;
import io.imagegraph.core.track.TagEvent;
import io.imagegraph.core.track.TagHistory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** imagegraph prune and imagegraph deployed against a loopback registry. */
class PruneCommandTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    @TempDir
    Path dir;

    private String ns;
    private String state;
    private Manifest first;
    private Manifest second;
    private Manifest third;

    /** app: three versions pushed as pr-1, pr-2, pr-3, 40, 30 and 20 days ago by the tag history. */
    @BeforeEach
    void versions() throws Exception {
        ns = "pr" + Long.toHexString(System.nanoTime());
        state = dir.resolve(".imagegraph").toString();
        first = pushed("pr-1", "first");
        second = pushed("pr-2", "second");
        third = pushed("pr-3", "third");
        new GraphFixture(dir).graphFile("registry: " + REGISTRY.host() + "\nnamespace: " + ns
                + "\nretention:\n  keep: 1\n  minAge: 0d\n  protect: [latest]\n").image("app", "FROM scratch\n");
    }

    private int age = 40;

    /** Pushes a version under a tag and records it in the tag history, each version 10 days younger. */
    private Manifest pushed(String tag, String label) throws Exception {
        Manifest manifest = TestImages.push(REGISTRY.client(), ns + "/app", tag, label);
        TagHistory.in(StateDirectory.at(Path.of(state))).record(List.of(new TagEvent(REGISTRY.host() + "/" + ns + "/app",
                tag, manifest.digest().toString(), null, TagCause.BUILT,
                Instant.now().minus(Duration.ofDays(age)).toString(), "run-" + tag, "app", null)));
        age -= 10;
        return manifest;
    }

    private boolean present(String tag) throws Exception {
        return REGISTRY.client().head(RepositoryName.of(ns + "/app"), tag).isPresent();
    }

    @Test
    void dryRun_showsWhatWouldGo_andDeletesNothing() throws Exception {
        CliRun run = CliRun.of("prune", "-d", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("/app +" + third.digest().encoded().substring(0, 12) + " .* keep +one of the 1 newest")
                .containsPattern(first.digest().encoded().substring(0, 12) + " .* delete")
                .contains("2 versions would be deleted").contains("Dry run: give --confirm to delete.");
        assertThat(present("pr-1")).isTrue();
    }

    @Test
    void aQuotaOver_evenAfterThePolicysDeletions_getsTheVersionsToDeleteBesides() throws Exception {
        new GraphFixture(dir).graphFile("registry: " + REGISTRY.host() + "\nnamespace: " + ns
                + "\nretention:\n  keep: 2\n  minAge: 0d\n  protect: [latest]\nquotas:\n  - repository: "
                + REGISTRY.host() + "/" + ns + "/app\n    tags: 1\n");
        CliRun run = CliRun.of("prune", "-d", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("repository " + REGISTRY.host() + "/" + ns + "/app is over its quota (")
                .contains("3 tags of 1").contains("delete " + REGISTRY.host() + "/" + ns + "/app@" + second.digest())
                .contains("to get under it");
        CliRun json = CliRun.of("prune", "-d", dir.toString(), "-o", "json");
        assertThat(json.out()).contains("\"quotas\"").contains("\"enough\" : true");
    }

    @Test
    void confirm_deletesAllButTheDeployedAndTheNewest() throws Exception {
        CliRun deployed = CliRun.of("deployed", "--state", state, "--env", "prod",
                REGISTRY.host() + "/" + ns + "/app@" + first.digest());
        assertThat(deployed.exitCode()).as(deployed.err()).isZero();
        assertThat(deployed.out()).contains("prod").contains(first.digest().toString());
        CliRun run = CliRun.of("prune", "-d", dir.toString(), "--confirm", "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"dryRun\" : false").contains("\"reason\" : \"deployed to prod\"");
        assertThat(present("pr-1")).as("deployed").isTrue();
        assertThat(present("pr-2")).as("old, undeployed").isFalse();
        assertThat(present("pr-3")).as("newest").isTrue();
        assertThat(second).isNotNull();
    }

    @Test
    void deployedTag_isRefused_becauseATagSaysNothingAboutWhatRuns() {
        CliRun run = CliRun.of("deployed", "--state", state, "--env", "prod", REGISTRY.host() + "/" + ns + "/app:pr-1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is not pinned by digest");
    }

    @Test
    void repositoryOption_confirmedWithAStateFolderThatDoesNotExist_isBadInput() {
        CliRun run = CliRun.of("prune", "--state", dir.resolve("no-such-state").toString(), "--repository",
                REGISTRY.host() + "/" + ns + "/app", "--confirm");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("the state folder " + dir.resolve("no-such-state") + " does not exist");
    }

    @Test
    void repositoryOption_withATag_isBadInput() {
        CliRun run = CliRun.of("prune", "--repository", REGISTRY.host() + "/" + ns + "/app:latest");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("a repository to prune is REGISTRY/REPOSITORY without a tag");
    }
}
