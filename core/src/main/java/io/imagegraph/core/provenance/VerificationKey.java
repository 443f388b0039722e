package io.imagegraph.core.provenance;

import io.imagegraph.core.ref.Digest;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/**
 * A public key from a PEM file ({@code -----BEGIN PUBLIC KEY-----}, as {@code openssl pkey -pubout}
 * writes it), ECDSA P-256 or Ed25519. Its key ID is the SHA-256 of its DER encoding.
 */
public final class VerificationKey {

    private final PublicKey key;
    private final KeyAlgorithm algorithm;
    private final String file;

    private VerificationKey(PublicKey key, KeyAlgorithm algorithm, String file) {
        this.key = key;
        this.algorithm = algorithm;
        this.file = file;
    }

    public static VerificationKey read(Path file) throws KeyFileException {
        return of(PemFile.read(file, "PUBLIC KEY"), file.toString());
    }

    /** A key given as the text of its PEM file (a Jenkins credential or setting); {@code source} names it in messages. */
    public static VerificationKey parse(byte[] pem, String source) throws KeyFileException {
        return of(PemFile.parse(pem, source, "PUBLIC KEY"), source);
    }

    private static VerificationKey of(byte[] der, String file) throws KeyFileException {
        for (KeyAlgorithm candidate : KeyAlgorithm.values()) {
            try {
                PublicKey key = KeyFactory.getInstance(candidate.keyFactory()).generatePublic(new X509EncodedKeySpec(der));
                return new VerificationKey(key, KeyAlgorithm.of(key, file), file);
            } catch (GeneralSecurityException e) {
                // not a key of this scheme: try the next
            }
        }
        throw new KeyFileException("the public key in " + file + " is neither ECDSA P-256 nor Ed25519");
    }

    /** {@code sha256:<hex>} of the key's DER encoding: what {@code verify} prints as the key that signed. */
    public String keyId() {
        return Digest.sha256(key.getEncoded()).toString();
    }

    boolean verifies(byte[] message, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(algorithm.signature());
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            // a signature that is not even well formed for this scheme does not verify
            return false;
        }
    }

    @Override
    public String toString() {
        return "VerificationKey[" + algorithm + " " + keyId() + " from " + file + "]";
    }
}
