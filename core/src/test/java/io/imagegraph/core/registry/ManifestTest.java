package io.imagegraph.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.ref.Digest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestTest {

    private static final String CONFIG = "sha256:" + "a".repeat(64);
    private static final String LAYER = "sha256:" + "b".repeat(64);

    @Test
    void of_keepsTheExactBytesAndDigestsThem() {
        byte[] bytes = ("{\"schemaVersion\":2,   \"config\":{\"digest\":\"" + CONFIG + "\"},\"layers\":[]}")
                .getBytes(StandardCharsets.UTF_8);
        Manifest manifest = Manifest.of(bytes, MediaTypes.DOCKER_MANIFEST);
        assertThat(manifest.bytes()).isEqualTo(bytes);
        assertThat(manifest.digest()).isEqualTo(Digest.sha256(bytes));
    }

    @Test
    void blobs_areTheConfigThenEachLayer() {
        Manifest manifest = Manifest.of(("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                + "\",\"config\":{\"digest\":\"" + CONFIG + "\"},\"layers\":[{\"digest\":\"" + LAYER + "\"}]}")
                .getBytes(StandardCharsets.UTF_8), null);
        assertThat(manifest.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(manifest.blobs()).containsExactly(Digest.of(CONFIG), Digest.of(LAYER));
        assertThat(manifest.config()).contains(Digest.of(CONFIG));
        assertThat(manifest.isIndex()).isFalse();
    }

    @Test
    void children_ofAnIndex_areItsManifests() {
        Manifest index = Manifest.of(("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                + "\",\"digest\":\"" + LAYER + "\",\"size\":10}]}").getBytes(StandardCharsets.UTF_8), null);
        assertThat(index.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
        assertThat(index.isIndex()).isTrue();
        assertThat(index.children()).containsExactly(new ManifestDescriptor(Digest.of(LAYER), MediaTypes.OCI_MANIFEST, 10));
        assertThat(index.blobs()).isEmpty();
    }
}
