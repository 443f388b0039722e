package io.imagegraph.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.plan.InputDigests;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.testing.GraphFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The StarlingX example, loaded as a graph. */
class StarlingxEntriesTest {

    @Test
    void starlingxTree_becomesAGraphOfItsLabels_withEachBuildersSettings(@TempDir Path dir) throws Exception {
        GraphLoadResult result = GraphFixture.copyOfExample("starlingx", dir).load();
        assertThat(result.problems()).noneMatch(GraphProblem::isError);
        ImageGraph graph = result.graph().orElseThrow();
        assertThat(graph.nodes()).containsOnlyKeys("stx-debian", "stx-keystone", "stx-platformclients", "stx-tools");

        ImageSpec keystone = graph.node("stx-keystone").spec();
        assertThat(keystone.builder()).isEqualTo(BuilderKind.LOCI);
        assertThat(keystone.watch()).containsExactly("openstack/python-keystone/debian/stx-keystone.stable_docker_image");
        assertThat(keystone.buildArgs()).containsEntry("PROJECT", "keystone")
                .containsEntry("PROJECT_REPO", "https://opendev.org/openstack/keystone.git")
                .containsEntry("UID", "42425").containsEntry("GID", "42425")
                .containsEntry("PROFILES", "fluent apache ldap").doesNotContainKeys("LABEL", "BUILDER", "CUSTOMIZATION");

        ImageSpec clients = graph.node("stx-platformclients").spec();
        assertThat(clients.builder()).isEqualTo(BuilderKind.DOCKER);
        assertThat(clients.context()).isEqualTo("platform/stx-platformclients/docker");
        assertThat(graph.node("stx-platformclients").parents()).containsExactly("stx-debian");
        assertThat(graph.node("stx-keystone").parents()).containsExactly("stx-debian");

        ImageSpec tools = graph.node("stx-tools").spec();
        assertThat(tools.builder()).isEqualTo(BuilderKind.SCRIPT);
        assertThat(tools.command()).containsExactly("tools/stx-tools/files/build.sh", "--os", "debian", "--stream",
                "stable");
    }

    @Test
    void scriptImage_hasTheScriptsFolderAsContext_soAChangedScriptChangesItsInputDigest(@TempDir Path dir)
            throws Exception {
        GraphFixture fixture = GraphFixture.copyOfExample("starlingx", dir);
        assertThat(fixture.graph().node("stx-tools").spec().context()).isEqualTo("tools/stx-tools/files");
        Digest before = InputDigests.compute(fixture.graph()).get("stx-tools");
        Path script = dir.resolve("tools/stx-tools/files/build.sh");
        Files.writeString(script, Files.readString(script) + "# changed\n");
        assertThat(InputDigests.compute(fixture.graph()).get("stx-tools")).isNotEqualTo(before);
    }

    @Test
    void graphFileEntry_winsOverTheBuildFile(@TempDir Path dir) throws Exception {
        GraphFixture fixture = GraphFixture.copyOfExample("starlingx", dir);
        Files.writeString(dir.resolve("imagegraph.yaml"), Files.readString(dir.resolve("imagegraph.yaml"))
                + "images:\n  stx-tools:\n    builder: script\n    command: [tools/stx-tools/files/build.sh, --fast]\n");
        ImageGraph graph = fixture.load().graph().orElseThrow();
        assertThat(graph.node("stx-tools").spec().command()).containsExactly("tools/stx-tools/files/build.sh", "--fast");
    }

    @Test
    void dockerImageFromAGitRepository_isAnErrorThatSaysWhatToDo(@TempDir Path dir) throws Exception {
        GraphFixture fixture = GraphFixture.copyOfExample("starlingx", dir);
        Path file = dir.resolve("platform/stx-platformclients/debian/stx-platformclients.stable_docker_image");
        Files.writeString(file, Files.readString(file) + "DOCKER_REPO=https://opendev.org/starlingx/clients.git\n");
        GraphLoadResult result = fixture.load();
        assertThat(result.problems()).anySatisfy(problem -> assertThat(problem.toString())
                .contains(file + " line 5").contains("which image-graph does not fetch")
                .contains("images.stx-platformclients.context"));
    }
}
