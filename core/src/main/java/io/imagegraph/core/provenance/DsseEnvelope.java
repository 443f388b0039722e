package io.imagegraph.core.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A DSSE envelope (the in-toto attestation's signature wrapper): a payload, its type, and
 * signatures over the pre-authentication encoding {@code PAE(type, payload)} =
 * {@code "DSSEv1" SP LEN(type) SP type SP LEN(payload) SP payload}, so that a signature cannot be
 * moved to another payload type.
 *
 * @param payloadType such as {@link #IN_TOTO}
 * @param payload     the signed bytes (an in-toto Statement)
 * @param signatures  base64 of each signature, in the envelope's order
 */
public record DsseEnvelope(String payloadType, byte[] payload, List<String> signatures) {

    public static final String IN_TOTO = "application/vnd.in-toto+json";
    public static final String MEDIA_TYPE = "application/vnd.dsse.envelope.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public DsseEnvelope {
        payload = payload.clone();
        signatures = List.copyOf(signatures);
    }

    /** An envelope of {@code payload} signed with {@code key}. */
    public static DsseEnvelope sign(String payloadType, byte[] payload, SigningKey key) {
        String signature = Base64.getEncoder().encodeToString(key.sign(pae(payloadType, payload)));
        return new DsseEnvelope(payloadType, payload, List.of(signature));
    }

    /** Whether one of the signatures is {@code key}'s over this payload and type. */
    public boolean verifiedBy(VerificationKey key) {
        byte[] message = pae(payloadType, payload);
        for (String signature : signatures) {
            try {
                if (key.verifies(message, Base64.getDecoder().decode(signature))) {
                    return true;
                }
            } catch (IllegalArgumentException notBase64) {
                // a malformed signature verifies nothing
            }
        }
        return false;
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public byte[] toJson() {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("payloadType", payloadType);
        envelope.put("payload", Base64.getEncoder().encodeToString(payload));
        ArrayNode list = envelope.putArray("signatures");
        signatures.forEach(signature -> list.addObject().put("keyid", "").put("sig", signature));
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a DSSE envelope", e);
        }
    }

    /** An envelope from its JSON; the message says what is missing. */
    public static DsseEnvelope parse(byte[] json) throws AttestationFormatException {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new AttestationFormatException("the DSSE envelope is not JSON (" + e.getMessage() + ")");
        }
        if (node == null || !node.path("payloadType").isTextual() || !node.path("payload").isTextual()) {
            throw new AttestationFormatException("the DSSE envelope has no payloadType or payload");
        }
        List<String> signatures = new ArrayList<>();
        node.path("signatures").forEach(signature -> signatures.add(signature.path("sig").asText()));
        try {
            return new DsseEnvelope(node.get("payloadType").asText(),
                    Base64.getDecoder().decode(node.get("payload").asText()), signatures);
        } catch (IllegalArgumentException e) {
            throw new AttestationFormatException("the DSSE envelope's payload is not base64");
        }
    }

    static byte[] pae(String type, byte[] body) {
        byte[] typeBytes = type.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("DSSEv1 " + typeBytes.length + " ").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(typeBytes);
        out.writeBytes((" " + body.length + " ").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DsseEnvelope other && payloadType.equals(other.payloadType)
                && java.util.Arrays.equals(payload, other.payload) && signatures.equals(other.signatures);
    }

    @Override
    public int hashCode() {
        return payloadType.hashCode() * 31 + java.util.Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "DsseEnvelope[" + payloadType + ", " + payload.length + " bytes, " + signatures.size() + " signatures]";
    }
}
