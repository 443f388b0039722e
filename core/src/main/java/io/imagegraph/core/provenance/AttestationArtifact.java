package io.imagegraph.core.provenance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.ManifestDescriptor;
import io.imagegraph.core.registry.MediaTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * A signed statement as an OCI 1.1 artifact: an image manifest of artifact type
 * {@link DsseEnvelope#MEDIA_TYPE} with the empty config, one layer (the envelope) and the image's
 * manifest as its {@code subject}; annotated with the statement's predicate type.
 *
 * @param manifest the artifact manifest
 * @param envelope the envelope's bytes, the one layer
 * @param entry    how a referrers index lists it
 */
public record AttestationArtifact(Manifest manifest, byte[] envelope, Referrer entry) {

    /** The OCI empty descriptor's content, {@code {}}. */
    public static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.UTF_8);
    public static final String EMPTY_MEDIA_TYPE = "application/vnd.oci.empty.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public AttestationArtifact {
        envelope = envelope.clone();
    }

    @Override
    public byte[] envelope() {
        return envelope.clone();
    }

    public static AttestationArtifact of(ManifestDescriptor subject, DsseEnvelope envelope, String predicateType,
                                         Instant created) {
        byte[] layer = envelope.toJson();
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.put("artifactType", DsseEnvelope.MEDIA_TYPE);
        manifest.putObject("config").put("mediaType", EMPTY_MEDIA_TYPE)
                .put("digest", Digest.sha256(EMPTY_CONFIG).toString()).put("size", EMPTY_CONFIG.length);
        manifest.putArray("layers").addObject().put("mediaType", DsseEnvelope.MEDIA_TYPE)
                .put("digest", Digest.sha256(layer).toString()).put("size", layer.length);
        manifest.putObject("subject").put("mediaType", subject.mediaType()).put("digest", subject.digest().toString())
                .put("size", subject.size());
        Map<String, String> annotations = Map.of(Referrer.PREDICATE_TYPE, predicateType,
                "org.opencontainers.image.created", created.toString());
        ObjectNode annotationNode = manifest.putObject("annotations");
        annotations.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> annotationNode.put(entry.getKey(), entry.getValue()));
        Manifest value;
        try {
            value = Manifest.of(JSON.writeValueAsBytes(manifest), MediaTypes.OCI_MANIFEST);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an attestation manifest", e);
        }
        return new AttestationArtifact(value, layer, new Referrer(value.digest(), MediaTypes.OCI_MANIFEST,
                value.bytes().length, DsseEnvelope.MEDIA_TYPE, annotations));
    }
}
