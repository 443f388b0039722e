package io.imagegraph.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {

    @TempDir
    Path dir;

    @Test
    void toString_namesFileAndScheme_neverTheKey() throws Exception {
        TestKeys.Pair pair = TestKeys.ecdsa(dir, "ci");
        String pem = Files.readString(pair.privateKey());
        String body = pem.lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow();

        String shown = SigningKey.read(pair.privateKey()).toString();

        assertThat(shown).contains("ECDSA_P256").contains(pair.privateKey().toString()).doesNotContain(body);
    }

    @Test
    void anotherCurve_isRefusedWithTheCurve() throws Exception {
        TestKeys.Pair pair = TestKeys.make(dir, "p384", List.of("-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"));

        assertThatThrownBy(() -> SigningKey.read(pair.privateKey())).isInstanceOf(KeyFileException.class)
                .hasMessageContaining("not on P-256").hasMessageContaining(pair.privateKey().toString());
    }

    @Test
    void aPublicKeyFile_isNotASigningKey() throws Exception {
        TestKeys.Pair pair = TestKeys.ed25519(dir, "ed");

        assertThatThrownBy(() -> SigningKey.read(pair.publicKey())).isInstanceOf(KeyFileException.class)
                .hasMessageContaining("holds no 'PRIVATE KEY' PEM block (it holds: PUBLIC KEY)");
    }

    @Test
    void aMissingFile_isNamed() {
        Path missing = dir.resolve("nope.key");
        assertThatThrownBy(() -> SigningKey.read(missing)).isInstanceOf(KeyFileException.class)
                .hasMessageContaining("cannot read the key file " + missing);
    }

    @Test
    void parse_keyGivenAsBytes_namesTheSource_andSignsAsTheFileWould() throws Exception {
        TestKeys.Pair pair = TestKeys.ed25519(dir, "ci");
        SigningKey key = SigningKey.parse(Files.readAllBytes(pair.privateKey()), "the credentials 'signing'");
        VerificationKey publicKey = VerificationKey.parse(Files.readAllBytes(pair.publicKey()), "the configured key");

        assertThat(key.toString()).contains("the credentials 'signing'");
        assertThat(publicKey.verifies("m".getBytes(), key.sign("m".getBytes()))).isTrue();
        assertThat(publicKey.keyId()).isEqualTo(VerificationKey.read(pair.publicKey()).keyId());
    }

    @Test
    void parse_bytesWithoutAPrivateKeyBlock_sayWhatTheyHold_namingTheSource() throws Exception {
        TestKeys.Pair pair = TestKeys.ecdsa(dir, "ci");

        assertThatThrownBy(() -> SigningKey.parse(Files.readAllBytes(pair.publicKey()), "the credentials 'k'"))
                .isInstanceOf(KeyFileException.class)
                .hasMessage("the credentials 'k' holds no 'PRIVATE KEY' PEM block (it holds: PUBLIC KEY)");
    }
}
