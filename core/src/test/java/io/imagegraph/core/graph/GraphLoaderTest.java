package io.imagegraph.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.graph.GraphProblem.Kind;
import io.imagegraph.core.testing.GraphFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphLoaderTest {

    @TempDir
    Path dir;

    private GraphFixture fixture() {
        return new GraphFixture(dir);
    }

    private static GraphProblem onlyError(GraphLoadResult result) {
        assertThat(result.graph()).isEmpty();
        assertThat(result.errors()).hasSize(1);
        return result.errors().get(0);
    }

    @Test
    void load_foremanLayout_findsImagesAndEdges() {
        ImageGraph graph = fixture()
                .image("foreman", "FROM scratch\nCOPY container-assets/x /x\n")
                .file("images/foreman/container-assets/x", "x")
                .image("dynflow", "FROM foreman\n")
                .graph();
        assertThat(graph.order()).containsExactly("foreman", "dynflow");
        assertThat(graph.node("dynflow").parents()).containsExactly("foreman");
        assertThat(graph.node("dynflow").parentEdges().get(0).source())
                .isEqualTo("images/dynflow/Dockerfile line 1 (FROM)");
        assertThat(graph.node("foreman").spec().context()).isEqualTo("images/foreman");
    }

    @Test
    void load_nestedImagesFolders_areAllFound() {
        ImageGraph graph = fixture()
                .image("base", "FROM scratch\n")
                .file("services/images/api/Dockerfile", "FROM base\n")
                .graph();
        assertThat(graph.nodes()).containsOnlyKeys("base", "api");
        assertThat(graph.node("api").spec().folder()).contains("services/images/api");
    }

    @Test
    void load_registryAndNamespaceReference_isAnInternalEdge() {
        ImageGraph graph = fixture()
                .graphFile("registry: quay.io\nnamespace: acme\n")
                .image("base", "FROM scratch\n")
                .image("a", "FROM quay.io/acme/base:latest\n")
                .image("b", "FROM acme/base\n")
                .graph();
        assertThat(graph.node("a").parents()).containsExactly("base");
        assertThat(graph.node("b").parents()).containsExactly("base");
        assertThat(graph.node("a").externalBases()).isEmpty();
    }

    @Test
    void load_externalBase_isRecordedWithTagAndDigest() {
        String digest = "sha256:" + "ab".repeat(32);
        ImageGraph graph = fixture().image("base", "FROM docker.io/library/debian:12@" + digest + "\n").graph();
        ExternalBase base = graph.node("base").externalBases().get(0);
        assertThat(base.ref().name()).isEqualTo("docker.io/library/debian");
        assertThat(base.ref().tag()).contains("12");
        assertThat(base.ref().digest().map(Object::toString)).contains(digest);
    }

    @Test
    void load_copyFromAndMountFrom_areEdges() {
        ImageGraph graph = fixture()
                .image("base", "FROM scratch\n")
                .image("wheels", "FROM scratch\n")
                .image("tools", "FROM scratch\n")
                .image("svc", "FROM base\nCOPY --from=tools /t /t\nRUN --mount=type=bind,from=wheels,target=/w true\n")
                .graph();
        assertThat(graph.node("svc").parents()).containsExactly("base", "tools", "wheels");
    }

    @Test
    void cycle_namesTheWholeCycle() {
        GraphProblem problem = onlyError(fixture()
                .image("base", "FROM scratch\n")
                .image("keystone", "FROM openstack-base\n")
                .image("openstack-base", "FROM base\nCOPY --from=keystone /a /a\n")
                .load());
        assertThat(problem.kind()).isEqualTo(Kind.CYCLE);
        assertThat(problem.message()).startsWith("dependency cycle keystone → openstack-base → keystone: "
                + "keystone needs openstack-base (images/keystone/Dockerfile line 1 (FROM)), "
                + "openstack-base needs keystone (images/openstack-base/Dockerfile line 2 (COPY --from))");
    }

    @Test
    void cycle_ofOneImageOnItself_isReported() {
        GraphProblem problem = onlyError(fixture().image("loop", "FROM loop\n").load());
        assertThat(problem.message()).startsWith("dependency cycle loop → loop");
    }

    @Test
    void unknownInternalParent_suggestsTheClosestName() {
        GraphProblem problem = onlyError(fixture()
                .graphFile("registry: quay.io\nnamespace: acme\n")
                .image("openstack-base", "FROM scratch\n")
                .image("keystone", "FROM quay.io/acme/openstack-bse:latest\n")
                .load());
        assertThat(problem.kind()).isEqualTo(Kind.UNKNOWN_PARENT);
        assertThat(problem.location()).isEqualTo("images/keystone/Dockerfile line 1");
        assertThat(problem.message()).contains("no such image (did you mean openstack-base?)");
    }

    @Test
    void unknownDependsOn_pointsAtTheGraphFileLine() {
        GraphProblem problem = onlyError(fixture()
                .graphFile("images:\n  a:\n    dependsOn: [nope]\n")
                .image("a", "FROM scratch\n")
                .load());
        assertThat(problem.kind()).isEqualTo(Kind.UNKNOWN_PARENT);
        assertThat(problem.location()).isEqualTo("imagegraph.yaml line 3");
    }

    @Test
    void duplicateNames_nameBothFolders() {
        GraphProblem problem = onlyError(fixture()
                .file("a/images/api/Dockerfile", "FROM scratch\n")
                .file("b/images/api/Dockerfile", "FROM scratch\n")
                .load());
        assertThat(problem.kind()).isEqualTo(Kind.DUPLICATE_NAME);
        assertThat(problem.toString()).isEqualTo("b/images/api: the image name 'api' is also used by a/images/api;"
                + " image names must be unique across the graph, so rename one of the folders");
    }

    @Test
    void invalidName_suggestsAValidOne() {
        GraphProblem problem = onlyError(fixture().image("Nova_API", "FROM scratch\n").load());
        assertThat(problem.kind()).isEqualTo(Kind.INVALID_NAME);
        assertThat(problem.message()).contains("'Nova_API' is not a valid OCI repository name").contains("'nova_api'");
    }

    @Test
    void unreadableDockerfile_isReported() throws Exception {
        fixture().image("a", "FROM scratch\n");
        Files.delete(dir.resolve("images/a/Dockerfile"));
        Files.createDirectory(dir.resolve("images/a/Dockerfile"));
        GraphProblem problem = onlyError(fixture().graphFile("images:\n  a: {}\n").load());
        assertThat(problem.kind()).isEqualTo(Kind.UNREADABLE_DOCKERFILE);
        assertThat(problem.location()).isEqualTo("images/a/Dockerfile");
    }

    @Test
    void emptyDockerfile_isReported() {
        GraphProblem problem = onlyError(fixture().image("a", "# only a comment\n\n").load());
        assertThat(problem.kind()).isEqualTo(Kind.EMPTY_DOCKERFILE);
        assertThat(problem.message()).contains("needs at least a FROM line");
    }

    @Test
    void dockerfileWithoutFrom_isReported() {
        GraphProblem problem = onlyError(fixture().image("a", "ARG X=1\n").load());
        assertThat(problem.kind()).isEqualTo(Kind.NO_FROM);
    }

    @Test
    void dockerfileSyntaxError_pointsAtTheLine() {
        GraphProblem problem = onlyError(fixture().image("a", "FROM scratch\nRUN <<EOF\n").load());
        assertThat(problem.kind()).isEqualTo(Kind.DOCKERFILE_SYNTAX);
        assertThat(problem.location()).isEqualTo("images/a/Dockerfile line 2");
    }

    @Test
    void invalidReference_isReportedWithItsLine() {
        GraphProblem problem = onlyError(fixture().image("a", "FROM scratch\nCOPY --from=Bad/Name /x /x\n").load());
        assertThat(problem.kind()).isEqualTo(Kind.INVALID_REFERENCE);
        assertThat(problem.location()).isEqualTo("images/a/Dockerfile line 2");
    }

    @Test
    void unpinnedExternalBase_isAWarning() {
        GraphLoadResult result = fixture().image("a", "FROM debian:12\n").load();
        assertThat(result.graph()).isPresent();
        assertThat(result.warnings()).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(Kind.UNPINNED_BASE);
            assertThat(w.message()).startsWith("external base debian:12 is not pinned by digest");
        });
    }

    @Test
    void latestExternalBase_withStrict_isAnError() {
        GraphLoadResult result = fixture().image("a", "FROM debian\n").load(LoadOptions.defaults().withStrict(true));
        assertThat(onlyError(result).message()).startsWith("external base debian uses :latest");
    }

    @Test
    void unpinnedBaseThatLooksLikeATypo_hintsTheImage() {
        GraphLoadResult result = fixture().image("openstack-base", "FROM scratch\n")
                .image("a", "FROM openstack-bas\n").load();
        assertThat(result.warnings().get(0).message()).contains("(did you mean openstack-base?)");
    }

    @Test
    void folderWithoutDockerfile_isAWarningNotAnImage() {
        GraphLoadResult result = fixture().image("a", "FROM scratch\n").file("images/common/x.sh", "").load();
        assertThat(result.graph().orElseThrow().nodes()).containsOnlyKeys("a");
        assertThat(result.warnings()).singleElement().satisfies(w -> assertThat(w.kind()).isEqualTo(Kind.NOT_AN_IMAGE));
    }

    @Test
    void graphFileImageWithoutFolder_usesItsContext() {
        ImageGraph graph = fixture()
                .file("build/api/Dockerfile", "FROM scratch\n")
                .graphFile("images:\n  api:\n    context: build/api\n")
                .graph();
        assertThat(graph.node("api").spec().dockerfile()).contains("build/api/Dockerfile");
    }

    @Test
    void graphFileImageWithNeitherFolderNorContext_isAnError() {
        GraphProblem problem = onlyError(fixture().graphFile("images:\n  api:\n    tags: [x]\n").load());
        assertThat(problem.kind()).isEqualTo(Kind.INVALID_PATH);
        assertThat(problem.message()).contains("neither 'context' nor 'dockerfile'");
    }

    @Test
    void scriptBuilder_needsNoDockerfile() {
        ImageGraph graph = fixture()
                .image("base", "FROM scratch\n")
                .graphFile("images:\n  custom:\n    builder: script\n    command: [./build.sh]\n    dependsOn: [base]\n")
                .graph();
        assertThat(graph.node("custom").parents()).containsExactly("base");
        assertThat(graph.node("custom").spec().dockerfile()).isEmpty();
    }

    @Test
    void pathOutsideTheRoot_isRejected() {
        GraphProblem problem = onlyError(fixture()
                .image("a", "FROM scratch\n")
                .graphFile("images:\n  a:\n    context: ../elsewhere\n")
                .load());
        assertThat(problem.kind()).isEqualTo(Kind.INVALID_PATH);
        assertThat(problem.location()).isEqualTo("imagegraph.yaml line 3");
    }

    @Test
    void badGraphFile_stopsWithFileAndLine() {
        GraphProblem problem = onlyError(fixture().image("a", "FROM scratch\n").graphFile("tags: 3\n").load());
        assertThat(problem.kind()).isEqualTo(Kind.GRAPH_FILE);
        assertThat(problem.toString()).isEqualTo("imagegraph.yaml line 1: 'tags' must be a list");
    }

    @Test
    void registryWithoutDotOrPort_isRejected() {
        GraphProblem problem = onlyError(fixture().image("a", "FROM scratch\n").graphFile("registry: quay\n").load());
        assertThat(problem.message()).contains("would be read as a repository");
    }

    @Test
    void invalidTagInGraphFile_isRejected() {
        GraphProblem problem = onlyError(fixture().image("a", "FROM scratch\n").graphFile("tags: ['-bad']\n").load());
        assertThat(problem.message()).contains("'-bad' is not a valid tag");
    }

    @Test
    void profileNamingAnUnknownImage_isRejected() {
        GraphProblem problem = onlyError(fixture().image("keystone", "FROM scratch\n")
                .graphFile("profiles:\n  core: [keyston]\n").load());
        assertThat(problem.kind()).isEqualTo(Kind.UNKNOWN_PROFILE_MEMBER);
        assertThat(problem.message()).contains("(did you mean keystone?)");
    }

    @Test
    void noImagesAtAll_isAnError() {
        GraphProblem problem = onlyError(fixture().file("README", "").load());
        assertThat(problem.message()).startsWith("no images found");
    }

    @Test
    void notADirectory_isAnError() {
        GraphLoadResult result = GraphLoader.load(dir.resolve("missing"), LoadOptions.defaults());
        assertThat(onlyError(result).message()).contains("not a directory");
    }

    @Test
    void everyProblemIsReported_notJustTheFirst() {
        GraphLoadResult result = fixture()
                .image("a", "")
                .image("b", "ARG X\n")
                .image("c", "FROM c\n")
                .load();
        assertThat(result.errors()).extracting(GraphProblem::kind)
                .containsExactlyInAnyOrder(Kind.EMPTY_DOCKERFILE, Kind.NO_FROM, Kind.CYCLE);
    }

    @Test
    void buildArgOverride_changesTheParent() {
        fixture().image("base", "FROM scratch\n").image("alt", "FROM scratch\n").image("svc", "ARG B=base\nFROM $B\n");
        GraphLoadResult result = GraphLoader.load(dir,
                new LoadOptions(Optional.empty(), Map.of("B", "alt"), LoadOptions.DEFAULT_PLATFORM, false));
        assertThat(result.graph().orElseThrow().node("svc").parents()).containsExactly("alt");
        assertThat(result.graph().orElseThrow().node("svc").spec().buildArgs()).containsEntry("B", "alt");
    }

    @Test
    void defaultBuilder_buildsTheImagesWhoseEntryNamesNone() {
        fixture().image("base", "FROM scratch\n").image("svc", "FROM base\n")
                .graphFile("images:\n  svc:\n    builder: docker\n");
        ImageGraph graph = GraphLoader.load(dir, LoadOptions.defaults().withBuilder(BuilderKind.BUILDAH)).graph()
                .orElseThrow();
        assertThat(graph.node("base").spec().builder()).isEqualTo(BuilderKind.BUILDAH);
        assertThat(graph.node("svc").spec().builder()).isEqualTo(BuilderKind.DOCKER);
    }

    @Test
    void defaultBuilder_loci_isRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LoadOptions.defaults().withBuilder(BuilderKind.LOCI))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("docker or buildah, not loci");
    }

    @Test
    void hiddenAndVendorFolders_areNotSearched() {
        ImageGraph graph = fixture().image("a", "FROM scratch\n")
                .file(".git/images/x/Dockerfile", "FROM scratch\n")
                .file("node_modules/images/y/Dockerfile", "FROM scratch\n")
                .graph();
        assertThat(graph.nodes().keySet()).isEqualTo(new java.util.TreeSet<>(List.of("a")));
    }

    @Test
    void lociImage_getsLocisContextFromAndWheels_andTheWheelsImageAsAParent(@TempDir Path dir) throws Exception {
        ImageGraph graph = GraphFixture.copyOfExample("loci", dir).graph();
        ImageSpec keystone = graph.node("keystone").spec();
        assertThat(keystone.context()).isEqualTo("loci");
        assertThat(keystone.dockerfile()).contains("loci/Dockerfile");
        assertThat(keystone.buildArgs()).containsEntry("FROM", "base").containsEntry("WHEELS", "requirements");
        assertThat(graph.node("keystone").parents()).containsExactly("base", "requirements");
        ImageSpec requirements = graph.node("requirements").spec();
        assertThat(requirements.buildArgs()).containsEntry("FROM", "base").doesNotContainKey("WHEELS");
        assertThat(graph.node("requirements").parents()).containsExactly("base");
    }

    @Test
    void lociImage_withoutALociSection_isAnErrorSayingWhatToAdd(@TempDir Path dir) {
        GraphLoadResult result = new GraphFixture(dir).graphFile("images:\n  keystone:\n    builder: loci\n").load();
        assertThat(result.graph()).isEmpty();
        assertThat(result.problems()).anySatisfy(problem -> assertThat(problem.toString())
                .contains("image 'keystone' is built with builder: loci, but imagegraph.yaml has no 'loci' section"));
    }

    @Test
    void lociImage_withoutALociSection_takesTheLoadOptionsLociSettings(@TempDir Path dir) throws Exception {
        GraphFixture.copyOfExample("loci", dir);
        String file = java.nio.file.Files.readString(dir.resolve("imagegraph.yaml"));
        java.nio.file.Files.writeString(dir.resolve("imagegraph.yaml"), file.substring(0, file.indexOf("loci:\n"))
                + file.substring(file.indexOf("profiles:")));
        ImageGraph graph = GraphLoader.load(dir, LoadOptions.defaults().withLoci(new LociSection("loci", null, "base",
                "requirements"))).graph().orElseThrow();
        assertThat(graph.node("keystone").spec().buildArgs()).containsEntry("FROM", "base")
                .containsEntry("WHEELS", "requirements");
    }

    @Test
    void lociImage_ownWheelsArg_winsOverTheSections(@TempDir Path dir) throws Exception {
        GraphFixture fixture = GraphFixture.copyOfExample("loci", dir);
        java.nio.file.Files.writeString(dir.resolve("imagegraph.yaml"), java.nio.file.Files.readString(
                dir.resolve("imagegraph.yaml")).replace("DIST_PACKAGES: qemu-utils",
                "DIST_PACKAGES: qemu-utils\n      WHEELS: quay.io/airshipit/requirements:master-ubuntu_jammy"));
        ImageGraph graph = fixture.graph();
        assertThat(graph.node("glance").spec().buildArgs()).containsEntry("WHEELS",
                "quay.io/airshipit/requirements:master-ubuntu_jammy");
    }

    @Test
    void lociImage_tarballWheels_withAFromWheelsDockerfile_isRefusedNamingTheLine(@TempDir Path dir) throws Exception {
        // LOCI's Dockerfile (and the stand-in) reads WHEELS in FROM ${WHEELS} AS wheels: an image, not a tarball
        GraphFixture fixture = GraphFixture.copyOfExample("loci", dir);
        java.nio.file.Files.writeString(dir.resolve("imagegraph.yaml"), java.nio.file.Files.readString(
                dir.resolve("imagegraph.yaml")).replace("DIST_PACKAGES: qemu-utils",
                "DIST_PACKAGES: qemu-utils\n      WHEELS: https://tarballs.example.com/wheels.tar.gz"));
        assertThat(fixture.load().errors()).extracting(GraphProblem::toString).anySatisfy(message -> assertThat(message)
                .contains("loci/Dockerfile line 11").contains("https://tarballs.example.com/wheels.tar.gz")
                .contains("is not a valid image reference"));
    }

    @Test
    void load_containerfileFolders_areImages() {
        ImageGraph graph = fixture()
                .file("images/foreman/Containerfile", "FROM scratch\n")
                .file("images/proxy/Containerfile", "FROM foreman\n")
                .graph();
        assertThat(graph.node("proxy").parents()).containsExactly("foreman");
        assertThat(graph.node("proxy").spec().dockerfile()).contains("images/proxy/Containerfile");
    }

    @Test
    void load_folderWithDockerfileAndContainerfile_isAnErrorNamingTheFolder() {
        GraphProblem problem = onlyError(fixture()
                .file("images/a/Dockerfile", "FROM scratch\n")
                .file("images/a/Containerfile", "FROM scratch\n")
                .load());
        assertThat(problem.toString()).startsWith("images/a: this image folder holds both a Dockerfile and a Containerfile");
    }

    @Test
    void load_entryNamingTheFoldersContainerfile_isHonoured() {
        ImageGraph graph = fixture()
                .graphFile("images:\n  a:\n    dockerfile: images/a/Containerfile\n")
                .file("images/a/Containerfile", "FROM scratch\n")
                .file("images/a/Dockerfile", "FROM other\n")
                .graph();
        assertThat(graph.node("a").spec().dockerfile()).contains("images/a/Containerfile");
        assertThat(graph.node("a").spec().context()).isEqualTo("images/a");
    }

    @Test
    void load_entryNamingAContainerfileInAFolderWithoutDockerfile_isHonoured() {
        ImageGraph graph = fixture()
                .graphFile("images:\n  a:\n    dockerfile: images/a/Containerfile\n")
                .file("images/a/Containerfile", "FROM scratch\n")
                .file("images/a/x", "x")
                .graph();
        assertThat(graph.node("a").spec().dockerfile()).contains("images/a/Containerfile");
    }

    @Test
    void load_parentWithoutFrom_isTheSameExitTwoSentenceNotAnInternalError() {
        GraphLoadResult result = fixture()
                .image("parent", "ARG X=1\n")
                .image("child", "FROM parent\n")
                .load();
        assertThat(result.errors()).extracting(GraphProblem::kind).containsExactly(Kind.NO_FROM);
        assertThat(result.errors().get(0).toString()).startsWith("images/parent/Dockerfile: the Dockerfile has no FROM line");
    }

    @Test
    void load_emptyParentDockerfile_isReportedNotAnInternalError() {
        GraphLoadResult result = fixture().image("parent", "").image("child", "FROM parent\n").load();
        assertThat(result.errors()).extracting(GraphProblem::kind).containsExactly(Kind.EMPTY_DOCKERFILE);
    }

    @Test
    void load_withATarget_anUnusedTestStageFromAChild_isNoCycle() {
        ImageGraph graph = fixture()
                .graphFile("images:\n  a:\n    target: runtime\n")
                .image("a", "FROM scratch AS runtime\nFROM b AS test\nRUN true\n")
                .image("b", "FROM a\n")
                .graph();
        assertThat(graph.node("a").parents()).isEmpty();
        assertThat(graph.order()).containsExactly("a", "b");
    }

    @Test
    void load_imageFolderLinkLeavingTheRoot_isRefused(@TempDir Path elsewhere) throws Exception {
        Files.writeString(elsewhere.resolve("Dockerfile"), "FROM scratch\n");
        Files.createDirectories(dir.resolve("images"));
        Files.createSymbolicLink(dir.resolve("images/evil"), elsewhere);
        GraphProblem problem = onlyError(fixture().image("good", "FROM scratch\n").load());
        assertThat(problem.toString()).startsWith("images/evil: this image folder is a symbolic link to " + elsewhere.toRealPath());
    }

    @Test
    void aMutationWithoutFrom_isAProblemAtItsLine(@TempDir Path dir) {
        GraphLoadResult result = new GraphFixture(dir)
                .graphFile("registry: quay.io\nmutations:\n  prod:\n    env: {A: '1'}\n")
                .image("a", "FROM scratch\n").load();
        assertThat(result.graph()).isEmpty();
        assertThat(result.problems()).anySatisfy(problem -> assertThat(problem.toString())
                .contains("imagegraph.yaml line 3").contains("mutation prod has no 'from'"));
    }
}
