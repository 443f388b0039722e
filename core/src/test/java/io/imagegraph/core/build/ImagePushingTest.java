package io.imagegraph.core.build;

import static io.imagegraph.core.build.FamilyBuild.byName;
import static io.imagegraph.core.build.FamilyBuild.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.testing.FaultyProxy;
import io.imagegraph.core.testing.LoopbackRegistry;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pushes of built images to a loopback registry ({@link FamilyBuild}, {@link io.imagegraph.core.testing.LoopbackRegistry}). */
class ImagePushingTest {

    @RegisterExtension
    final FamilyBuild family = new FamilyBuild();

    @Test
    void withARegistry_everyImageIsPushedUnderEachTag() throws Exception {
        String namespace = family.ownNamespace("ps");
        try (LoopbackRegistry registry = LoopbackRegistry.start()) {
            BuildReport report = family.build(Optional.empty(), false, Optional.of(registry.host()));
            assertThat(statuses(report).values()).containsOnly(ImageStatus.BUILT);
            ImageResult leaf = byName(report).get("leaf");
            assertThat(leaf.tags()).contains(registry.host() + "/" + namespace + "/leaf:test");
            assertThat(registry.manifestStatus(namespace + "/leaf", "test")).isEqualTo(200);
            assertThat(registry.manifestStatus(namespace + "/leaf",
                    "input-" + leaf.inputDigest().replace(':', '-'))).isEqualTo(200);
            assertThat(registry.manifestStatus(namespace + "/nope", "test")).isEqualTo(404);
            String repository = registry.host() + "/" + namespace + "/leaf";
            assertThat(family.lineage.records()).filteredOn(r -> r.image().equals("leaf"))
                    .extracting(LineageRecord::repository).containsExactly(repository);
            assertThat(family.label(leaf.imageId().orElseThrow(), "org.opencontainers.image.base.name"))
                    .isEqualTo(registry.host() + "/" + namespace + "/mid");
        }
    }

    @Test
    void pushThatFails_failsTheImage_neverReportsSuccess() throws Exception {
        family.fixture.image("mid", "FROM base\n").image("leaf", "FROM base\n").image("sibling", "FROM base\n");
        try (LoopbackRegistry server = LoopbackRegistry.start(); FaultyProxy proxy = FaultyProxy.in(server.host())) {
            proxy.answer("/blobs/uploads/", 403, 1000);
            BuildReport report = family.build(Optional.empty(), false, Optional.of(proxy.host()));
            ImageResult base = byName(report).get("base");
            assertThat(base.status()).isEqualTo(ImageStatus.FAILED);
            assertThat(base.reason()).startsWith("built sha256:").contains("but pushing " + proxy.host() + "/");
            assertThat(statuses(report)).containsEntry("mid", ImageStatus.PARENT_FAILED);
            assertThat(report.succeeded()).isFalse();
        }
    }

    @Test
    void buildah_withALoopbackRegistry_pushesOverPlainHttp() throws Exception {
        String namespace = "bp" + Long.toHexString(System.nanoTime());
        family.fixture.graphFile("namespace: " + namespace + "\n"
                + "images:\n  base: {builder: buildah}\n  mid: {builder: buildah}\n  leaf: {builder: buildah}\n"
                + "  sibling: {builder: buildah}\n");
        try (LoopbackRegistry registry = LoopbackRegistry.start()) {
            BuildReport report = family.build(Optional.empty(), false, Optional.of(registry.host()));
            assertThat(statuses(report).values()).as(report.images().toString()).containsOnly(ImageStatus.BUILT);
            assertThat(registry.manifestStatus(namespace + "/leaf", "test")).isEqualTo(200);
        }
    }
}
