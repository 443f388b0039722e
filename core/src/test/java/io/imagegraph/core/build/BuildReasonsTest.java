package io.imagegraph.core.build;

import static io.imagegraph.core.build.FamilyBuild.byName;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.plan.ChangeSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Why each image was built, in the report ({@link FamilyBuild}). */
class BuildReasonsTest {

    @RegisterExtension
    final FamilyBuild family = new FamilyBuild();

    @Test
    void buildReasons_sayWhy_firstBuildChangedInputRebuiltParentAndRebuild() throws Exception {
        BuildReport first = family.build(Optional.empty(), false);
        assertThat(byName(first).get("base").reason()).isEqualTo("built: first build (no image has its input digest yet)");
        family.fixture.file("images/base/base.txt", "base v2\n");
        BuildReport changed = family.build(Optional.of(new ChangeSet("test", List.of("images/base/base.txt"))), false);
        assertThat(byName(changed).get("base").reason())
                .isEqualTo("built: input digest changed: changed in its build context: images/base/base.txt");
        assertThat(byName(changed).get("mid").reason()).isEqualTo("built: its parent base was rebuilt");
        family.fixture.file("images/base/base.txt", "base v3\n");
        assertThat(byName(family.build(Optional.empty(), false)).get("base").reason())
                .startsWith("built: input digest changed since run run-");
        family.rebuild = true;
        assertThat(byName(family.build(Optional.empty(), false)).get("leaf").reason())
                .isEqualTo("built: --rebuild builds every image of the run");
    }
}
