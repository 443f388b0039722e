package io.imagegraph.core.provenance;

import java.security.Key;
import java.security.interfaces.ECKey;

/**
 * The two signature schemes image-graph signs with, both in the JDK: ECDSA on P-256 with SHA-256
 * (signatures DER-encoded, as cosign and in-toto write them) and Ed25519.
 */
enum KeyAlgorithm {
    ECDSA_P256("EC", "SHA256withECDSA"),
    ED25519("Ed25519", "Ed25519");

    private final String keyFactory;
    private final String signature;

    KeyAlgorithm(String keyFactory, String signature) {
        this.keyFactory = keyFactory;
        this.signature = signature;
    }

    String keyFactory() {
        return keyFactory;
    }

    String signature() {
        return signature;
    }

    /** The scheme of a key the JDK decoded, or why it is not one image-graph takes. */
    static KeyAlgorithm of(Key key, String file) throws KeyFileException {
        if (key instanceof ECKey ec) {
            if (ec.getParams().getCurve().getField().getFieldSize() != 256
                    || !ec.getParams().toString().contains("1.2.840.10045.3.1.7")
                    && !ec.getParams().toString().contains("secp256r1")) {
                throw new KeyFileException("the EC key in " + file + " is not on P-256 (" + ec.getParams()
                        + "); image-graph signs with ECDSA P-256 or Ed25519");
            }
            return ECDSA_P256;
        }
        if (key.getAlgorithm().equals("EdDSA") || key.getAlgorithm().equals("Ed25519")) {
            return ED25519;
        }
        throw new KeyFileException("the key in " + file + " is " + key.getAlgorithm()
                + "; image-graph signs with ECDSA P-256 or Ed25519");
    }
}
