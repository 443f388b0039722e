package io.imagegraph.core.provenance;

import io.imagegraph.core.ref.Digest;
import java.util.Map;

/**
 * One manifest that refers to an image (its {@code subject}), as a referrers index lists it.
 *
 * @param digest       the referring manifest's digest
 * @param mediaType    its media type
 * @param size         its size in bytes
 * @param artifactType what it is, such as {@link DsseEnvelope#MEDIA_TYPE}
 * @param annotations  its annotations, such as the predicate type
 */
public record Referrer(Digest digest, String mediaType, long size, String artifactType, Map<String, String> annotations) {

    /** The annotation naming an attestation's predicate type (as cosign and ORAS write it). */
    public static final String PREDICATE_TYPE = "in-toto.io/predicate-type";

    public Referrer {
        annotations = Map.copyOf(annotations);
    }

    public String predicateType() {
        return annotations.getOrDefault(PREDICATE_TYPE, "");
    }
}
