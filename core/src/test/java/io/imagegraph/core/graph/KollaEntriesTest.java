package io.imagegraph.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.build.BuildOptions;
import io.imagegraph.core.build.BuildTools;
import io.imagegraph.core.build.GraphBuild;
import io.imagegraph.core.build.ImageResult;
import io.imagegraph.core.build.ImageStatus;
import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.plan.InputDigests;
import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.plan.Planner;
import io.imagegraph.core.plan.Selection;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.testing.Busybox;
import io.imagegraph.core.testing.DockerDaemon;
import io.imagegraph.core.testing.GraphFixture;
import io.imagegraph.core.testing.KollaTree;
import io.imagegraph.core.upstream.UpstreamPins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Kolla-style tree of templates, rendered, planned and built as a graph. */
class KollaEntriesTest {

    @TempDir
    Path dir;

    private ImageGraph graph() {
        return new GraphFixture(KollaTree.write(dir).root()).graph();
    }

    @Test
    void templates_becomeImagesWhoseParentsAreTheirRenderedFirstFrom() {
        ImageGraph graph = graph();
        assertThat(graph.nodes()).containsOnlyKeys("rootfs", "base", "openstack-base", "keystone-base", "keystone");
        assertThat(graph.node("base").parents()).containsExactly("rootfs");
        assertThat(graph.node("openstack-base").parents()).containsExactly("base");
        assertThat(graph.node("keystone-base").parents()).containsExactly("openstack-base");
        assertThat(graph.node("keystone").parents()).containsExactly("keystone-base");
        ImageSpec keystone = graph.node("keystone").spec();
        assertThat(keystone.context()).isEqualTo("docker/keystone/keystone");
        assertThat(keystone.dockerfile()).contains(".imagegraph/kolla/keystone/Dockerfile");
        assertThat(keystone.watch()).containsExactly("docker/macros.j2", "common/users.py",
                "overrides/template-overrides.j2");
    }

    @Test
    void renderedDockerfiles_haveKollasVariablesMacrosCustomizationsAndOverrides() throws Exception {
        graph();
        String keystoneBase = Files.readString(dir.resolve(".imagegraph/kolla/keystone-base/Dockerfile"));
        assertThat(keystoneBase).contains("LABEL org.example.team=\"cloud\"")
                .contains("echo \"keystone:x:42425:42425\" >> /etc/passwd")
                .contains("touch libldap-common libsasl2-dev vim-tiny");
        assertThat(keystoneBase.lines().filter(l -> l.startsWith("FROM")).findFirst())
                .get().asString().matches("FROM kolla[0-9a-f]+/openstack-base:2026.1");
        String base = Files.readString(dir.resolve(".imagegraph/kolla/base/Dockerfile"));
        assertThat(base).startsWith("FROM rootfs:1\n").contains("touch ca-certificates\n")
                .contains("echo 'Debian GNU/Linux 13 (trixie)' > /etc/kolla-distro")
                .contains("ENV KOLLA_BASE_DISTRO=debian KOLLA_BASE_ARCH=x86_64");
        assertThat(Files.readString(dir.resolve(".imagegraph/kolla/keystone/Dockerfile")))
                .contains("RUN echo \"overridden in keystone\" > /keystone-footer");
    }

    @Test
    void aChangedTemplateOverride_changesEveryImagesInputDigest() throws Exception {
        Map<String, Digest> before = InputDigests.compute(graph(), UpstreamPins.none());
        Files.writeString(dir.resolve("overrides/template-overrides.j2"), Files.readString(
                dir.resolve("overrides/template-overrides.j2")).replace("vim-tiny", "nano"));
        Map<String, Digest> after = InputDigests.compute(new GraphFixture(dir).graph(), UpstreamPins.none());
        assertThat(after.get("keystone-base")).isNotEqualTo(before.get("keystone-base"));
        assertThat(after.get("keystone")).as("a child of a changed image").isNotEqualTo(before.get("keystone"));
        assertThat(after.get("rootfs")).isEqualTo(before.get("rootfs"));
    }

    @Test
    void aTemplateThatDoesNotRender_isAnErrorWithItsFileAndLine() {
        KollaTree tree = KollaTree.write(dir);
        tree.file("docker/keystone/keystone-base/Dockerfile.j2", "FROM {{ namespace }}/openstack-base:{{ tag }}\n"
                + "{% import \"macros.j2\" as macros with context %}\n{{ macros.configure_user(name='glance') }}\n");
        GraphLoadResult result = new GraphFixture(dir).load();
        assertThat(result.graph()).isEmpty();
        assertThat(result.problems()).anySatisfy(p -> assertThat(p.toString())
                .contains("docker/keystone/keystone-base/Dockerfile.j2").contains("Failed to find configuration for"
                        + " 'glance' user."));
    }

    @Test
    void aGraphWithoutANamespace_isToldToSetKollas() {
        KollaTree tree = KollaTree.write(dir);
        tree.file("imagegraph.yaml", "kolla:\n  base: debian\n");
        GraphLoadResult result = new GraphFixture(dir).load();
        assertThat(result.problems()).anySatisfy(p -> assertThat(p.toString()).contains("kolla needs the graph's"
                + " namespace").contains("namespace: kolla"));
    }

    @Test
    void theFamily_buildsWithDocker_andTheImageHasWhatTheTemplatesSay() throws Exception {
        DockerDaemon docker = DockerDaemon.shared();
        KollaTree.write(dir);
        Busybox.copyInto(dir.resolve("images/rootfs/busybox"));
        GraphLoadResult loaded = new GraphFixture(dir).load();
        Plan plan = Planner.plan(loaded.graph().orElseThrow(), loaded.warnings(), Selection.all(), Optional.empty());
        GraphBuild build = new GraphBuild(BuildTools.local(new LocalProcessRunner(), "docker", "buildah",
                docker.environment()), new JsonLinesLineageStore(dir.resolve(".imagegraph/lineage.jsonl")), e -> { },
                Clock.systemUTC(), Optional.empty());
        List<ImageResult> images = build.run(plan, new BuildOptions("run-" + System.nanoTime(), List.of("test"), 2,
                true, false, 0, Duration.ofMillis(10), dir.resolve(".imagegraph/run"), Optional.empty(),
                Optional.empty(), Optional.empty(), false)).images();
        Map<String, ImageResult> byName = images.stream().collect(Collectors.toMap(ImageResult::name, r -> r));
        assertThat(byName.values()).allSatisfy(r -> assertThat(r.status()).as(r.name() + ": " + r.reason())
                .isEqualTo(ImageStatus.BUILT));
        String keystone = byName.get("keystone").imageId().orElseThrow();
        assertThat(docker.docker("run", "--rm", keystone, "/bin/sh", "-c",
                "ls /packages; cat /keystone-footer /etc/kolla-distro").stdout()).isEqualTo(
                "ca-certificates\ngit\nlibldap-common\nlibsasl2-dev\npython3\nvim-tiny\noverridden in keystone\n"
                        + "Debian GNU/Linux 13 (trixie)\n");
    }
}
