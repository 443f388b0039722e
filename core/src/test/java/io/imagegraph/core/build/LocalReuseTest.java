package io.imagegraph.core.build;

import static io.imagegraph.core.build.FamilyBuild.byName;
import static io.imagegraph.core.build.FamilyBuild.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Images found in the builder's own store by their input digest are reused, not built ({@link FamilyBuild}). */
class LocalReuseTest {

    @RegisterExtension
    final FamilyBuild family = new FamilyBuild();

    @Test
    void secondRun_reusesEveryImage() throws Exception {
        BuildReport first = family.build(Optional.empty(), false);
        assertThat(first.succeeded()).isTrue();
        BuildReport second = family.build(Optional.empty(), false);
        assertThat(statuses(second).values()).containsOnly(ImageStatus.REUSED);
        assertThat(byName(second).get("leaf").imageId()).isEqualTo(byName(first).get("leaf").imageId());
    }

    @Test
    void buildah_buildsAFamilyInItsOwnStore() throws Exception {
        family.fixture.graphFile("namespace: bh" + Long.toHexString(System.nanoTime()) + "\n"
                + "images:\n  base: {builder: buildah}\n  mid: {builder: buildah}\n  leaf: {builder: buildah}\n"
                + "  sibling: {builder: buildah}\n");
        BuildReport report = family.build(Optional.empty(), false);
        assertThat(statuses(report).values()).containsOnly(ImageStatus.BUILT);
        BuildReport again = family.build(Optional.empty(), false);
        assertThat(statuses(again).values()).containsOnly(ImageStatus.REUSED);
        assertThat(byName(again).get("leaf").imageId()).isEqualTo(byName(report).get("leaf").imageId());
    }
}
