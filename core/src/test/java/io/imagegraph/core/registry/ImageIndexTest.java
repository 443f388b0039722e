package io.imagegraph.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.ref.TargetPlatform;
import io.imagegraph.core.testing.RegistryExtension;
import io.imagegraph.core.testing.TestImages;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ImageIndexTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    private static final TargetPlatform AMD64 = TargetPlatform.parse("linux/amd64");
    private static final TargetPlatform ARM_V7 = TargetPlatform.parse("linux/arm/v7");

    @Test
    void anIndexOfPushedManifests_isTakenByTheRegistryAndNamesEachPlatform() throws Exception {
        String repository = RegistryExtension.unique("index", "app");
        Manifest amd64 = TestImages.push(REGISTRY.client(), repository, "amd64", "amd64 image");
        Manifest arm = TestImages.push(REGISTRY.client(), repository, "arm", "arm image");
        Map<TargetPlatform, ManifestDescriptor> platforms = new LinkedHashMap<>();
        platforms.put(AMD64, amd64.descriptor());
        platforms.put(ARM_V7, arm.descriptor());
        Manifest index = ImageIndex.of(platforms);
        assertThat(index.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
        REGISTRY.client().putManifest(RepositoryName.of(repository), "test", index);
        Manifest read = REGISTRY.client().manifest(RepositoryName.of(repository), "test").orElseThrow();
        assertThat(read.digest()).isEqualTo(index.digest());
        assertThat(ImageIndex.platforms(read)).containsExactly(Map.entry(AMD64, amd64.digest()),
                Map.entry(ARM_V7, arm.digest()));
        assertThat(read.childFor("linux", "arm")).contains(arm.digest());
        assertThat(ImageIndex.namesExactly(read, List.of(ARM_V7, AMD64))).isTrue();
        assertThat(ImageIndex.namesExactly(read, List.of(AMD64))).isFalse();
        assertThat(ImageIndex.namesExactly(amd64, List.of(AMD64))).isFalse();
    }

    @Test
    void anIndexInsideAnIndex_isRefused() throws Exception {
        String repository = RegistryExtension.unique("index", "nested");
        Manifest inner = TestImages.pushIndex(REGISTRY.client(), repository, "test", "nested");
        assertThatThrownBy(() -> ImageIndex.of(Map.of(AMD64, inner.descriptor())))
                .hasMessage("the linux/amd64 manifest " + inner.digest() + " is an index itself; an index names image"
                        + " manifests");
        assertThatThrownBy(() -> ImageIndex.of(Map.of())).hasMessageContaining("at least one platform");
    }
}
