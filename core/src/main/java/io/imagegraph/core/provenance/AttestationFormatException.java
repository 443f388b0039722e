package io.imagegraph.core.provenance;

/** An attestation (envelope, statement or artifact manifest) that is not what image-graph writes. */
public final class AttestationFormatException extends Exception {

    public AttestationFormatException(String message) {
        super(message);
    }
}
