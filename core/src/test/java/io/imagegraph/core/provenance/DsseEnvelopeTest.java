package io.imagegraph.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DsseEnvelopeTest {

    @TempDir
    Path dir;

    private static final byte[] PAYLOAD = "{\"_type\":\"https://in-toto.io/Statement/v1\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void pae_isTheSpecsEncoding() {
        assertThat(new String(DsseEnvelope.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8)).isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
    }

    @Test
    void ecdsaSignature_verifiesWithItsPublicKey_andNotWithAnother() throws Exception {
        TestKeys.Pair mine = TestKeys.ecdsa(dir, "mine");
        TestKeys.Pair other = TestKeys.ecdsa(dir, "other");
        DsseEnvelope envelope = DsseEnvelope.sign(DsseEnvelope.IN_TOTO, PAYLOAD, SigningKey.read(mine.privateKey()));

        DsseEnvelope read = DsseEnvelope.parse(envelope.toJson());

        assertThat(read).isEqualTo(envelope);
        assertThat(read.verifiedBy(VerificationKey.read(mine.publicKey()))).isTrue();
        assertThat(read.verifiedBy(VerificationKey.read(other.publicKey()))).isFalse();
    }

    @Test
    void ed25519Signature_verifies_andFailsOnAnotherPayloadType() throws Exception {
        TestKeys.Pair pair = TestKeys.ed25519(dir, "ed");
        DsseEnvelope envelope = DsseEnvelope.sign(DsseEnvelope.IN_TOTO, PAYLOAD, SigningKey.read(pair.privateKey()));
        VerificationKey key = VerificationKey.read(pair.publicKey());

        assertThat(envelope.verifiedBy(key)).isTrue();
        assertThat(new DsseEnvelope("text/plain", PAYLOAD, envelope.signatures()).verifiedBy(key)).isFalse();
        assertThat(new DsseEnvelope(DsseEnvelope.IN_TOTO, "{}".getBytes(StandardCharsets.UTF_8),
                envelope.signatures()).verifiedBy(key)).isFalse();
    }

    @Test
    void parse_withoutPayload_saysSo() {
        assertThatThrownBy(() -> DsseEnvelope.parse("{\"payloadType\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AttestationFormatException.class).hasMessageContaining("no payloadType or payload");
    }
}
