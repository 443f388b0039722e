package io.imagegraph.core.build;

import static io.imagegraph.core.build.FamilyBuild.byName;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The lineage labels of built images ({@link FamilyBuild}). */
class LineageLabelsTest {

    @RegisterExtension
    final FamilyBuild family = new FamilyBuild();

    @Test
    void notAGitCheckout_revisionAndSourceLabelsAreEmpty_neverInheritedFromTheBase() throws Exception {
        family.build(Optional.empty(), false);
        family.revision = Optional.empty();
        family.fixture.file("images/leaf/leaf.txt", "leaf v2\n");
        ImageResult leaf = byName(family.build(Optional.empty(), false)).get("leaf");
        assertThat(leaf.status()).isEqualTo(ImageStatus.BUILT);
        String id = leaf.imageId().orElseThrow();
        assertThat(family.docker.docker("image", "inspect", "--format", "{{json .Config.Labels}}", id).stdout())
                .contains("\"org.opencontainers.image.revision\":\"\"")
                .contains("\"org.opencontainers.image.source\":\"\"");
    }
}
