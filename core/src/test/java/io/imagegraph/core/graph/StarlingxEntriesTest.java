package io.imagegraph.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.plan.InputDigests;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.testing.GraphFixture;
import io.imagegraph.core.testing.StarlingxTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StarlingX trees (the example, and six repositories' shapes) loaded as graphs. */
class StarlingxEntriesTest {

    private static final String GRAPH_FILE = """
            namespace: starlingx
            starlingx:
              os: debian
              codename: trixie
              base: docker.io/starlingx/stx-debian:trixie-stable
            loci:
              context: loci
              base: docker.io/starlingx/stx-debian:loci-base
              wheels: docker.io/starlingx/stx-debian-wheels:trixie
            """;

    private static GraphFixture trees(Path dir, String graphFile) {
        StarlingxTrees.write(dir);
        return new GraphFixture(dir).graphFile(graphFile).file("loci/Dockerfile", "ARG FROM\nFROM ${FROM}\n");
    }

    @Test
    void sixRepositoriesShapes_planWithNoErrors_forEitherCodename(@TempDir Path dir) {
        GraphFixture fixture = trees(dir, GRAPH_FILE);
        GraphLoadResult trixie = fixture.load();
        assertThat(trixie.problems()).noneMatch(GraphProblem::isError);
        ImageGraph graph = trixie.graph().orElseThrow();
        assertThat(graph.nodes()).hasSize(StarlingxTrees.LOCI_IMAGES + StarlingxTrees.DOCKER_IMAGES);
        assertThat(graph.nodes().values()).filteredOn(n -> n.spec().builder() == BuilderKind.LOCI)
                .hasSize(StarlingxTrees.LOCI_IMAGES);
        assertThat(graph.node("stx-ovs").spec().watch())
                .containsExactly("integ/networking/openvswitch/debian/trixie/stx-ovs.stable_docker_image");

        GraphLoadResult bullseye = fixture.load(LoadOptions.defaults().withOsCodename("bullseye"));
        assertThat(bullseye.problems()).noneMatch(GraphProblem::isError);
        assertThat(bullseye.graph().orElseThrow().node("stx-ovs").spec().watch())
                .containsExactly("integ/networking/openvswitch/debian/bullseye/stx-ovs.stable_docker_image");
    }

    @Test
    void dockerImage_buildsTheDockerFolderBesideItsBuildFile_withBASE(@TempDir Path dir) {
        ImageGraph graph = trees(dir, GRAPH_FILE).graph();
        ImageNode ovs = graph.node("stx-ovs");
        assertThat(ovs.spec().context()).isEqualTo("integ/networking/openvswitch/debian/trixie/docker");
        assertThat(ovs.spec().dockerfile()).contains("integ/networking/openvswitch/debian/trixie/docker/Dockerfile");
        assertThat(ovs.spec().buildArgs()).containsExactly(Map.entry("BASE", "docker.io/starlingx/stx-debian:trixie-stable"));
        assertThat(ovs.externalBases()).singleElement().satisfies(base -> assertThat(base.ref().toString())
                .isEqualTo("docker.io/starlingx/stx-debian:trixie-stable"));
        assertThat(graph.node("stx-mariadb").externalBases()).singleElement().satisfies(base ->
                assertThat(base.ref().toString()).isEqualTo("quay.io/airshipit/mariadb:ubuntu_noble-20260101"));
    }

    @Test
    void dockerImage_withoutAStarlingxBase_getsTheLociBase(@TempDir Path dir) {
        ImageGraph graph = trees(dir, GRAPH_FILE.replace("  base: docker.io/starlingx/stx-debian:trixie-stable\n", ""))
                .graph();
        assertThat(graph.node("stx-debian-dev").spec().buildArgs())
                .containsExactly(Map.entry("BASE", "docker.io/starlingx/stx-debian:loci-base"));
    }

    @Test
    void lociImage_getsEveryLociDirectiveAsABuildArg_andNoBASE(@TempDir Path dir) {
        ImageSpec aodh = trees(dir, GRAPH_FILE).graph().node("stx-aodh").spec();
        assertThat(aodh.builder()).isEqualTo(BuilderKind.LOCI);
        assertThat(aodh.buildArgs()).containsEntry("UPGRADE_PIP_PACKAGES", "pip")
                .containsEntry("NON_UNIQUE_SYSTEM_ACCOUNT", "yes").containsEntry("UPDATE_SYSTEM_ACCOUNT", "yes")
                .containsEntry("DIST_REPOS", "OS +openstack").containsEntry("UID", "42425")
                .containsEntry("PIP_PACKAGES", "pycryptodomex python-aodhclient")
                .containsEntry("SPICE_REPO", "https://gitlab.freedesktop.org/spice/spice-html5")
                .containsEntry("FROM", "docker.io/starlingx/stx-debian:trixie-stable")
                .containsEntry("WHEELS", "docker.io/starlingx/stx-debian-wheels:trixie")
                .doesNotContainKeys("BASE", "CUSTOMIZATION", "LABEL", "BUILDER");
    }

    @Test
    void everyImage_getsTheScriptsPostBuildSteps_withItsDefaultsAndOverrides(@TempDir Path dir) {
        ImageGraph graph = trees(dir, GRAPH_FILE).graph();
        assertThat(graph.node("stx-fm-rest-api").spec().postBuild()).hasSize(2)
                .satisfiesExactly(python -> assertThat(python).startsWith("RUN [\"/bin/sh\",\"-c\",").contains("for p in pip;"),
                        os -> assertThat(os).contains("for p in python3-pip python-pip-whl;").contains("dpkg -r $rm"));
        assertThat(graph.node("stx-aodh").spec().postBuild()).hasSize(4).element(1).isEqualTo("CMD [\"bash\"]");
        assertThat(graph.node("stx-aodh").spec().postBuild().get(0)).startsWith("RUN [\"/bin/bash\",\"-c\",\"ln -s");
        assertThat(graph.node("stx-platformclients").spec().postBuild()).hasSize(3).satisfiesExactly(
                customization -> assertThat(customization).contains("$(base64 -w0 <<'EOL'\\n#!/bin/bash"),
                bash -> assertThat(bash).isEqualTo("CMD [\"bash\"]"),
                command -> assertThat(command).contains("pip install certifi -c ${CONSTRAINTS_URL}"));
    }

    @Test
    void severalCodenamesAndNoneChosen_isAnErrorNamingThem(@TempDir Path dir) {
        GraphLoadResult result = trees(dir, GRAPH_FILE.replace("  codename: trixie\n", "")).load();
        assertThat(result.graph()).isEmpty();
        assertThat(result.problems()).anySatisfy(p -> assertThat(p.toString()).contains("bullseye, trixie")
                .contains("--os-codename"));
    }

    @Test
    void postBuildSteps_changeTheInputDigest(@TempDir Path dir) throws Exception {
        GraphFixture fixture = trees(dir, GRAPH_FILE);
        Map<String, io.imagegraph.core.ref.Digest> before = io.imagegraph.core.plan.InputDigests.compute(fixture.graph(),
                io.imagegraph.core.upstream.UpstreamPins.none());
        Path file = dir.resolve("fault/fm-rest-api/debian/all/stx-fm-rest-api.stable_docker_image");
        Files.writeString(file, Files.readString(file) + "POSTBUILD_REMOVE_OS_PACKAGES=\"\"\n");
        Map<String, io.imagegraph.core.ref.Digest> after = io.imagegraph.core.plan.InputDigests.compute(fixture.graph(),
                io.imagegraph.core.upstream.UpstreamPins.none());
        assertThat(after.get("stx-fm-rest-api")).isNotEqualTo(before.get("stx-fm-rest-api"));
        assertThat(after.get("stx-aodh")).isEqualTo(before.get("stx-aodh"));
    }

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
        assertThat(keystone.postBuild()).first().asString().contains("ln -s /etc/keystone/keystone.conf");

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
