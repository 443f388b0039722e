package io.imagegraph.core.provenance;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * A private key from a PEM file (PKCS#8, unencrypted: {@code openssl genpkey -algorithm ed25519}
 * or {@code -algorithm EC -pkeyopt ec_paramgen_curve:P-256}). Its bytes never leave this object:
 * {@link #toString()} names only the file and the scheme.
 */
public final class SigningKey {

    private final PrivateKey key;
    private final KeyAlgorithm algorithm;
    private final String file;

    private SigningKey(PrivateKey key, KeyAlgorithm algorithm, String file) {
        this.key = key;
        this.algorithm = algorithm;
        this.file = file;
    }

    public static SigningKey read(Path file) throws KeyFileException {
        return of(PemFile.read(file, "PRIVATE KEY"), file.toString());
    }

    /** A key given as the bytes of its PEM file (a Jenkins file credential); {@code source} names it in messages. */
    public static SigningKey parse(byte[] pem, String source) throws KeyFileException {
        return of(PemFile.parse(pem, source, "PRIVATE KEY"), source);
    }

    private static SigningKey of(byte[] der, String file) throws KeyFileException {
        for (KeyAlgorithm candidate : KeyAlgorithm.values()) {
            try {
                PrivateKey key = KeyFactory.getInstance(candidate.keyFactory()).generatePrivate(new PKCS8EncodedKeySpec(der));
                return new SigningKey(key, KeyAlgorithm.of(key, file), file);
            } catch (GeneralSecurityException e) {
                // not a key of this scheme: try the next
            }
        }
        throw new KeyFileException("the private key in " + file + " is neither ECDSA P-256 nor Ed25519 (PKCS#8)");
    }

    /** The signature of {@code message} under this key. */
    byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance(algorithm.signature());
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot sign with the " + algorithm + " key of " + file, e);
        }
    }

    @Override
    public String toString() {
        return "SigningKey[" + algorithm + " from " + file + "]";
    }
}
