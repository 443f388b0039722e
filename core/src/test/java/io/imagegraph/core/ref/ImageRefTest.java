package io.imagegraph.core.ref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageRefTest {

    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    @Test
    void parse_bareName_hasNoRegistryTagOrDigest() {
        ImageRef ref = ImageRef.parse("debian");
        assertThat(ref.registry()).isEmpty();
        assertThat(ref.repository().value()).isEqualTo("debian");
        assertThat(ref.tag()).isEmpty();
        assertThat(ref.isLatest()).isTrue();
        assertThat(ref.isPinned()).isFalse();
    }

    @Test
    void parse_registryWithPortNamespaceAndTag() {
        ImageRef ref = ImageRef.parse("127.0.0.1:5000/acme/base:2024.1");
        assertThat(ref.registry()).contains("127.0.0.1:5000");
        assertThat(ref.repository().value()).isEqualTo("acme/base");
        assertThat(ref.tag()).contains("2024.1");
        assertThat(ref.isLatest()).isFalse();
    }

    @Test
    void parse_firstComponentWithoutDotOrPort_isARepositoryPath() {
        ImageRef ref = ImageRef.parse("acme/base:1");
        assertThat(ref.registry()).isEmpty();
        assertThat(ref.repository().value()).isEqualTo("acme/base");
    }

    @Test
    void parse_localhost_isARegistry() {
        assertThat(ImageRef.parse("localhost/base").registry()).contains("localhost");
    }

    @Test
    void parse_tagAndDigest_keepsBoth() {
        ImageRef ref = ImageRef.parse("quay.io/acme/base:1.2@" + DIGEST);
        assertThat(ref.tag()).contains("1.2");
        assertThat(ref.digest()).contains(Digest.of(DIGEST));
        assertThat(ref.isPinned()).isTrue();
        assertThat(ref).hasToString("quay.io/acme/base:1.2@" + DIGEST);
    }

    @Test
    void parse_explicitLatest_isLatest() {
        assertThat(ImageRef.parse("quay.io/acme/base:latest").isLatest()).isTrue();
    }

    @Test
    void parse_upperCaseRepository_isRejectedWithTheRule() {
        assertThatThrownBy(() -> ImageRef.parse("quay.io/Acme/base"))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessageContaining("'Acme/base' is not a valid repository name");
    }

    @Test
    void parse_badTag_isRejected() {
        assertThatThrownBy(() -> ImageRef.parse("base:-x")).hasMessageContaining("not a valid tag");
    }

    @Test
    void parse_badDigest_isRejected() {
        assertThatThrownBy(() -> ImageRef.parse("base@sha256:123")).hasMessageContaining("not a digest");
    }

    @Test
    void parse_empty_isRejected() {
        assertThatThrownBy(() -> ImageRef.parse("")).hasMessageContaining("empty");
    }

    @Test
    void withTag_replacesTagAndDropsDigest() {
        ImageRef ref = ImageRef.parse("quay.io/acme/base:1@" + DIGEST).withTag("test");
        assertThat(ref).hasToString("quay.io/acme/base:test");
    }
}
