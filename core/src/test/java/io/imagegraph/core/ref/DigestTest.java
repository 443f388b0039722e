package io.imagegraph.core.ref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DigestTest {

    private static final String HEX = "a".repeat(64);

    @Test
    void of_sha256_keepsAlgorithmAndHex() {
        Digest digest = Digest.of("sha256:" + HEX);
        assertThat(digest.algorithm()).isEqualTo("sha256");
        assertThat(digest.encoded()).isEqualTo(HEX);
        assertThat(digest.shortForm()).isEqualTo("aaaaaaaaaaaa");
        assertThat(digest).hasToString("sha256:" + HEX);
    }

    @Test
    void of_shortSha256_isRejectedNamingTheLength() {
        assertThatThrownBy(() -> Digest.of("sha256:abc"))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessageContaining("64 lowercase hex digits");
    }

    @Test
    void of_upperCaseSha256_isRejected() {
        assertThatThrownBy(() -> Digest.of("sha256:" + "A".repeat(64)))
                .isInstanceOf(InvalidReferenceException.class);
    }

    @Test
    void of_missingAlgorithm_isRejected() {
        assertThatThrownBy(() -> Digest.of(HEX)).hasMessageContaining("algorithm:hex");
    }

    @Test
    void sha256_ofKnownText_matchesTheStandardVector() {
        assertThat(Digest.sha256("abc")).hasToString(
                "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void equality_followsTheValue() {
        assertThat(Digest.of("sha256:" + HEX)).isEqualTo(Digest.of("sha256:" + HEX))
                .hasSameHashCodeAs(Digest.of("sha256:" + HEX));
    }
}
