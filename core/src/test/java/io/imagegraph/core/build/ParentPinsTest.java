package io.imagegraph.core.build;

import static io.imagegraph.core.build.FamilyBuild.byName;
import static io.imagegraph.core.build.FamilyBuild.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.plan.ChangeSet;
import io.imagegraph.core.testing.LoopbackRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A child is built on the exact parent this run built or reused ({@link FamilyBuild}). */
class ParentPinsTest {

    @RegisterExtension
    final FamilyBuild family = new FamilyBuild();

    @Test
    void childIsPinnedToTheParentThisRunBuilt_andLabelledWithLineage() throws Exception {
        BuildReport report = family.build(Optional.empty(), false);
        String mid = byName(report).get("mid").imageId().orElseThrow();
        String leaf = byName(report).get("leaf").imageId().orElseThrow();
        assertThat(family.label(leaf, "org.opencontainers.image.base.digest")).isEqualTo(mid);
        assertThat(family.label(leaf, "org.opencontainers.image.revision")).isEqualTo("abc123");
        assertThat(family.label(leaf, "io.imagegraph.input-digest")).isEqualTo(byName(report).get("leaf").inputDigest());
        assertThat(family.docker.docker("run", "--rm", "--network", "none", leaf, "/bin/cat", "/base.txt", "/mid.txt",
                "/leaf.txt").stdout()).isEqualTo("base v1\nmid\nleaf v1\n");
        LineageRecord leafRecord = family.lineage.records().stream().filter(r -> r.image().equals("leaf")).findFirst().orElseThrow();
        assertThat(leafRecord.digest()).isEqualTo(leaf);
        assertThat(leafRecord.parents()).containsExactly(new LineageRecord.ParentDigest("mid", mid));
        assertThat(leafRecord.sourceRevision()).isEqualTo("abc123");
        assertThat(leafRecord.status()).isEqualTo("built");
        assertThat(family.lineage.records()).hasSize(4);
    }

    @Test
    void withARegistry_childOfAParentOnlyInTheRegistry_isBuiltFromTheParentsDigest() throws Exception {
        String namespace = family.ownNamespace("rp");
        try (LoopbackRegistry server = LoopbackRegistry.start()) {
            BuildReport first = family.build(Optional.empty(), false, Optional.of(server.host()), "test");
            String midDigest = byName(first).get("mid").digest().orElseThrow();
            String midRepository = server.host() + "/" + namespace + "/mid";
            for (String tag : byName(first).get("mid").tags()) {
                family.docker.docker("rmi", tag);
            }
            family.fixture.file("images/leaf/leaf.txt", "leaf v2\n");
            BuildReport second = family.build(Optional.of(new ChangeSet("test", List.of("images/leaf/leaf.txt"))), false,
                    Optional.of(server.host()), "test");
            assertThat(statuses(second)).containsEntry("leaf", ImageStatus.BUILT).containsEntry("mid", ImageStatus.REUSED);
            ImageResult leaf = byName(second).get("leaf");
            assertThat(family.label(leaf.imageId().orElseThrow(), "org.opencontainers.image.base.digest")).isEqualTo(midDigest);
            assertThat(family.docker.docker("run", "--rm", "--network", "none", leaf.imageId().orElseThrow(), "/bin/cat",
                    "/mid.txt", "/leaf.txt").stdout()).isEqualTo("mid\nleaf v2\n");
            // built FROM the parent's digest in the registry (BuildKit and the legacy builder both log it)
            assertThat(Files.readString(Path.of(leaf.logFile().orElseThrow()))).contains(midRepository + "@" + midDigest);
        }
    }

    @Test
    void parentInAnotherStore_isRefusedWithTheReason() throws Exception {
        family.fixture.graphFile("namespace: mx" + Long.toHexString(System.nanoTime()) + "\nimages:\n  mid: {builder: buildah}\n");
        BuildReport report = family.build(Optional.empty(), false);
        assertThat(statuses(report)).containsEntry("base", ImageStatus.BUILT).containsEntry("mid", ImageStatus.FAILED)
                .containsEntry("leaf", ImageStatus.PARENT_FAILED);
        assertThat(byName(report).get("mid").reason()).contains("its parent base is built into the docker store");
    }
}
