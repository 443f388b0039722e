package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {

    private static final String OPENSTACK = Path.of("..", "examples", "openstack").toString();

    @Test
    void text_isATableInBuildOrderWithASummary() {
        CliRun run = CliRun.of("plan", "--dir", OPENSTACK);
        assertThat(run.exitCode()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines[0]).startsWith("#  IMAGE").contains("FROM").contains("PLAN").contains("INPUT DIGEST");
        assertThat(lines[1]).startsWith("1  base");
        assertThat(lines[2]).startsWith("2  openstack-base");
        assertThat(run.out()).contains("6 of 6 images to build; no change detection");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void json_hasPerImageFieldsAndOrder() throws Exception {
        CliRun run = CliRun.of("plan", "-d", OPENSTACK, "--profile", "core", "--with-parents", "--format", "json");
        assertThat(run.exitCode()).isZero();
        JsonNode plan = new ObjectMapper().readTree(run.out());
        assertThat(plan.get("order")).hasSize(6);
        assertThat(plan.get("toBuild")).extracting(JsonNode::asText)
                .containsExactly("base", "openstack-base", "glance", "keystone");
        JsonNode keystone = plan.get("images").get(3);
        assertThat(keystone.get("name").asText()).isEqualTo("keystone");
        assertThat(keystone.get("parents")).extracting(JsonNode::asText).containsExactly("openstack-base");
        assertThat(keystone.get("selectionReason").asText()).isEqualTo("in profile 'core'");
        assertThat(keystone.has("externalBases")).isTrue();
        assertThat(keystone.get("inputDigest").asText()).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void builderOption_setsTheBuilderOfImagesWithoutOne_andOnlyDockerOrBuildah() throws Exception {
        CliRun run = CliRun.of("plan", "-d", OPENSTACK, "--builder", "buildah", "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(new ObjectMapper().readTree(run.out()).get("images").get(0).get("builder").asText())
                .isEqualTo("buildah");
        CliRun loci = CliRun.of("plan", "-d", OPENSTACK, "--builder", "loci");
        assertThat(loci.exitCode()).isEqualTo(2);
        assertThat(loci.err()).contains("--builder: the default builder is docker or buildah, not loci");
    }

    @Test
    void osCodenameOption_readsThatCodenamesBuildFiles_andRefusesABadName(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("imagegraph.yaml"), "starlingx:\n  os: debian\n");
        Files.writeString(dir.resolve("debian_stable_docker_images.inc"), "tool\n");
        for (String codename : new String[] {"bullseye", "trixie"}) {
            Path folder = Files.createDirectories(dir.resolve("tool/debian/" + codename + "/docker"));
            Files.writeString(folder.resolve("../tool.stable_docker_image"), "BUILDER=docker\nLABEL=stx-tool-" + codename
                    + "\nPOSTBUILD_REMOVE_PYTHON_PACKAGES=\"\"\nPOSTBUILD_REMOVE_OS_PACKAGES=\"\"\n");
            Files.writeString(folder.resolve("Dockerfile"), "FROM scratch\n");
        }
        CliRun none = CliRun.of("plan", "-d", dir.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("the codenames bullseye, trixie").contains("--os-codename");
        CliRun trixie = CliRun.of("plan", "-d", dir.toString(), "--os-codename", "trixie");
        assertThat(trixie.exitCode()).as(trixie.err()).isZero();
        assertThat(trixie.out()).contains("stx-tool-trixie").doesNotContain("stx-tool-bullseye");
        CliRun bad = CliRun.of("plan", "-d", dir.toString(), "--os-codename", "Trixie!");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--os-codename: 'Trixie!' is not an OS codename");
    }

    @Test
    void lociImages_followProfilesAndUnbuildablePlatformsLikeAnyOther(@org.junit.jupiter.api.io.TempDir
                                                                         java.nio.file.Path dir) throws Exception {
        CliRun identity = CliRun.of("plan", "-d", "../examples/loci", "--profile", "identity", "--with-parents");
        assertThat(identity.exitCode()).as(identity.err()).isZero();
        assertThat(identity.out()).containsPattern("keystone +base, requirements +build")
                .containsPattern("requirements +base +build").containsPattern("glance .* +skip ");
        io.imagegraph.core.testing.GraphFixture.copyOfExample("loci", dir);
        java.nio.file.Files.writeString(dir.resolve("imagegraph.yaml"), java.nio.file.Files.readString(
                dir.resolve("imagegraph.yaml")).replace("      DIST_PACKAGES: qemu-utils",
                "      DIST_PACKAGES: qemu-utils\n    unbuildable:\n      linux/arm64: no ceph wheels for aarch64"));
        CliRun arm = CliRun.of("plan", "-d", dir.toString(), "--platform", "linux/arm64");
        assertThat(arm.out()).containsPattern("glance .*no ceph wheels for aarch64");
    }

    @Test
    void platformList_plansForTheFirstAndAMistypedOneIsRefused() {
        CliRun both = CliRun.of("plan", "-d", OPENSTACK, "--platform", "linux/amd64,linux/arm64");
        assertThat(both.exitCode()).as(both.err()).isZero();
        CliRun typo = CliRun.of("plan", "-d", OPENSTACK, "--platform", "linux/amd64,arm64");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).isEqualTo("imagegraph: --platform: 'arm64' is not a platform: expected"
                + " OS/ARCH[/VARIANT], such as linux/amd64 or linux/arm/v7\n");
    }

    @Test
    void dot_drawsTheGraph() {
        CliRun run = CliRun.of("plan", "-d", OPENSTACK, "--format", "dot");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("digraph imagegraph {").contains("\"nova-api\" -> \"nova-compute\";");
    }

    @Test
    void changedPaths_buildOnlyWhatIsAffected() {
        CliRun run = CliRun.of("plan", "-d", OPENSTACK, "--changed", "images/glance/container-assets/glance-api");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("glance +openstack-base +build")
                .containsPattern("keystone +openstack-base +skip \\(unchanged\\)")
                .contains("1 of 6 images to build; 1 changed path from --changed.");
    }

    @Test
    void changedFile_readsOnePathALine(@TempDir Path dir) throws Exception {
        Path list = dir.resolve("changes.txt");
        Files.writeString(list, "images/base/Dockerfile\n\n");
        CliRun run = CliRun.of("plan", "-d", OPENSTACK, "--changed-file", list.toString(), "-o", "json");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\"source\" : \"" + list + "\"");
    }

    @Test
    void invalidGraph_exitsTwoWithEveryProblemOnStderr(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("images/a"));
        Files.writeString(dir.resolve("images/a/Dockerfile"), "FROM b\n");
        Files.createDirectories(dir.resolve("images/b"));
        Files.writeString(dir.resolve("images/b/Dockerfile"), "FROM a\n");
        CliRun run = CliRun.of("plan", "--dir", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("imagegraph: error: images/a/Dockerfile line 1 (FROM): dependency cycle a → b → a")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void unknownImage_exitsTwoWithASuggestion() {
        CliRun run = CliRun.of("plan", "-d", OPENSTACK, "kestone");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("imagegraph: there is no image 'kestone' in the graph (did you mean keystone?)\n");
    }

    @Test
    void strict_turnsLintWarningsIntoErrors(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("images/a"));
        Files.writeString(dir.resolve("images/a/Dockerfile"), "FROM debian:latest\n");
        CliRun lenient = CliRun.of("plan", "-d", dir.toString());
        assertThat(lenient.exitCode()).isZero();
        assertThat(lenient.err()).startsWith("warning: images/a/Dockerfile line 1: external base debian:latest uses :latest");
        CliRun strict = CliRun.of("plan", "-d", dir.toString(), "--strict");
        assertThat(strict.exitCode()).isEqualTo(2);
        assertThat(strict.err()).startsWith("imagegraph: error: images/a/Dockerfile line 1: external base");
    }

    @Test
    void twoChangeSources_areRefused() {
        CliRun run = CliRun.of("plan", "-d", OPENSTACK, "--changed", "x", "--changed-from", "main");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("give the changes one way");
    }

    @Test
    void badFormat_isAUsageError() {
        CliRun run = CliRun.of("plan", "-d", OPENSTACK, "--format", "yaml");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value for option '--format'").contains("text, json, dot");
    }

    @Test
    void help_teachesWithExamples() {
        CliRun run = CliRun.of("plan", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--changed-from=REV").contains("--with-parents").contains("Examples:")
                .contains("imagegraph plan --changed-from origin/main --format json").contains("Exit codes:");
    }

    private static Path image(Path dir, String name, String dockerfile) throws Exception {
        Files.createDirectories(dir.resolve("images/" + name));
        return Files.writeString(dir.resolve("images/" + name + "/Dockerfile"), dockerfile);
    }

    @Test
    void unknownDockerfileFlag_exitsTwoAtPlanTimeWithFileAndLine(@TempDir Path dir) throws Exception {
        image(dir, "a", "FROM --platform scratch\n");
        CliRun run = CliRun.of("plan", "--dir", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("imagegraph: error: images/a/Dockerfile line 1: FROM --platform has no value;"
                + " write --platform=VALUE\n");
    }

    @Test
    void invalidDockerignorePattern_exitsTwoNamingTheFileAndLine(@TempDir Path dir) throws Exception {
        image(dir, "a", "FROM scratch\n");
        Files.writeString(dir.resolve("images/a/.dockerignore"), "*.md\n[z-a]\n");
        CliRun run = CliRun.of("plan", "--dir", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("imagegraph: images/a/.dockerignore line 2: '[z-a]' is not a valid pattern"
                + " (illegal character range); fix or remove it\n");
    }

    @Test
    void graphFileThatIsADevice_exitsTwoBeforeReadingIt(@TempDir Path dir) throws Exception {
        image(dir, "a", "FROM scratch\n");
        CliRun run = CliRun.of("plan", "--dir", dir.toString(), "--graph-file", "/dev/zero");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("imagegraph: error: /dev/zero: the graph file is a device, FIFO or socket");
    }

    @Test
    void graphFileWithSeveralMistakes_reportsThemAllInOneRun(@TempDir Path dir) throws Exception {
        image(dir, "a", "FROM scratch\n");
        Files.writeString(dir.resolve("imagegraph.yaml"), "registy: x\ntags: latest\nimages:\n  a:\n    builder: podman\n");
        CliRun run = CliRun.of("plan", "--dir", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(3)
                .anySatisfy(line -> assertThat(line).contains("imagegraph.yaml line 1: unknown key 'registy'"))
                .anySatisfy(line -> assertThat(line).contains("imagegraph.yaml line 2: 'tags' must be a list"))
                .anySatisfy(line -> assertThat(line).contains("imagegraph.yaml line 5: 'images.a.builder'"));
    }

    private static Path graphWithOldBuilds(Path dir, String graphFile, java.time.Duration ago) throws Exception {
        Files.writeString(dir.resolve("imagegraph.yaml"), graphFile);
        Files.createDirectories(dir.resolve("images/base"));
        Files.writeString(dir.resolve("images/base/Dockerfile"), "FROM scratch\nCOPY a /a\n");
        Files.writeString(dir.resolve("images/base/a"), "a\n");
        Files.createDirectories(dir.resolve("images/leaf"));
        Files.writeString(dir.resolve("images/leaf/Dockerfile"), "FROM base\nCOPY b /b\n");
        Files.writeString(dir.resolve("images/leaf/b"), "b\n");
        JsonNode plan = new ObjectMapper().readTree(CliRun.of("plan", "-d", dir.toString(), "--format", "json").out());
        java.util.List<io.imagegraph.core.lineage.LineageRecord> records = new java.util.ArrayList<>();
        for (JsonNode image : plan.get("images")) {
            records.add(new io.imagegraph.core.lineage.LineageRecord(image.get("name").asText(), "built",
                    "sha256:" + "a".repeat(64), "t/" + image.get("name").asText(), image.get("inputDigest").asText(),
                    java.util.List.of(), java.util.List.of(), null, java.time.Instant.now().minus(ago).toString(), "run-1", 1));
        }
        new io.imagegraph.core.lineage.JsonLinesLineageStore(dir.resolve(".imagegraph/lineage.jsonl")).append(records);
        return dir;
    }

    @Test
    void freshness_anImageAFreshnessRefreshWouldRebuild_showsWhy_inTheTableAndTheJson(@TempDir Path dir) throws Exception {
        graphWithOldBuilds(dir, "freshness: 24h\n", java.time.Duration.ofHours(31).plusMinutes(5));
        CliRun run = CliRun.of("plan", "-d", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("1 +base .*build \\(refresh\\) .*last built 31 h ago, freshness 24 h")
                .containsPattern("2 +leaf .*build \\(refresh\\) .*last built 31 h ago, freshness 24 h")
                .contains("2 to refresh (freshness).");
        JsonNode plan = new ObjectMapper().readTree(CliRun.of("plan", "-d", dir.toString(), "--format", "json").out());
        assertThat(plan.get("images").get(0).get("refresh").asText()).isEqualTo("last built 31 h ago, freshness 24 h");
    }

    @Test
    void freshness_anImageBuiltWithinItsFreshness_isAPlainBuild_withoutARefreshField(@TempDir Path dir) throws Exception {
        graphWithOldBuilds(dir, "freshness: 24h\n", java.time.Duration.ofHours(2));
        CliRun run = CliRun.of("plan", "-d", dir.toString());
        assertThat(run.out()).doesNotContain("refresh").contains("2 of 2 images to build");
        JsonNode plan = new ObjectMapper().readTree(CliRun.of("plan", "-d", dir.toString(), "--format", "json").out());
        assertThat(plan.get("images").get(0).has("refresh")).isFalse();
    }

    @Test
    void refreshOlderThan_winsOverTheGraphFile_andReadsTheGivenLineage(@TempDir Path dir) throws Exception {
        graphWithOldBuilds(dir, "namespace: t\n", java.time.Duration.ofHours(3).plusMinutes(1));
        assertThat(CliRun.of("plan", "-d", dir.toString()).out()).doesNotContain("refresh");
        Path moved = Files.move(dir.resolve(".imagegraph/lineage.jsonl"), dir.resolve("other.jsonl"));
        CliRun run = CliRun.of("plan", "-d", dir.toString(), "--refresh-older-than", "2h", "--lineage", moved.toString());
        assertThat(run.out()).contains("last built 3 h ago, freshness 2 h");
    }

    @Test
    void refreshOlderThan_thatIsNoDuration_isBadInput(@TempDir Path dir) throws Exception {
        graphWithOldBuilds(dir, "namespace: t\n", java.time.Duration.ofHours(1));
        CliRun run = CliRun.of("plan", "-d", dir.toString(), "--refresh-older-than", "soon");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--refresh-older-than: ");
    }
}
