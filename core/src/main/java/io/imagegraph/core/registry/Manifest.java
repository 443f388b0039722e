package io.imagegraph.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.ref.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A manifest as the registry stores it: its exact bytes (so that putting it under another tag
 * keeps its digest), its media type and its digest.
 */
public final class Manifest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] bytes;
    private final String mediaType;
    private final Digest digest;

    private Manifest(byte[] bytes, String mediaType, Digest digest) {
        this.bytes = bytes;
        this.mediaType = mediaType;
        this.digest = digest;
    }

    /** A manifest from its bytes; the media type comes from the registry's Content-Type or the JSON. */
    public static Manifest of(byte[] bytes, String mediaType) {
        byte[] copy = bytes.clone();
        String type = mediaType == null || mediaType.isBlank() ? mediaTypeInside(copy) : mediaType;
        return new Manifest(copy, type, Digest.sha256(copy));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String mediaType() {
        return mediaType;
    }

    public Digest digest() {
        return digest;
    }

    public ManifestDescriptor descriptor() {
        return new ManifestDescriptor(digest, mediaType, bytes.length);
    }

    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }

    /** The blobs an image manifest needs in its repository: the config, then each layer. */
    public List<Digest> blobs() {
        List<Digest> blobs = new ArrayList<>();
        JsonNode json = json();
        if (json.path("config").hasNonNull("digest")) {
            blobs.add(Digest.of(json.path("config").path("digest").asText()));
        }
        json.path("layers").forEach(layer -> blobs.add(Digest.of(layer.path("digest").asText())));
        return blobs;
    }

    /** The manifests an index or manifest list names, one per platform. */
    public List<ManifestDescriptor> children() {
        List<ManifestDescriptor> children = new ArrayList<>();
        json().path("manifests").forEach(child -> children.add(new ManifestDescriptor(
                Digest.of(child.path("digest").asText()), child.path("mediaType").asText(""),
                child.path("size").asLong())));
        return children;
    }

    /** The size in bytes of each blob an image manifest names (config and layers), as the manifest says. */
    public java.util.Map<Digest, Long> blobSizes() {
        java.util.Map<Digest, Long> sizes = new java.util.LinkedHashMap<>();
        JsonNode json = json();
        if (json.path("config").hasNonNull("digest")) {
            sizes.put(Digest.of(json.path("config").path("digest").asText()), json.path("config").path("size").asLong());
        }
        json.path("layers").forEach(layer -> sizes.put(Digest.of(layer.path("digest").asText()),
                layer.path("size").asLong()));
        return sizes;
    }

    /** The manifest an index names for a platform ({@code linux}, {@code amd64}), if it names one. */
    public java.util.Optional<Digest> childFor(String os, String architecture) {
        for (JsonNode child : json().path("manifests")) {
            JsonNode platform = child.path("platform");
            if (platform.path("os").asText().equals(os) && platform.path("architecture").asText().equals(architecture)) {
                return java.util.Optional.of(Digest.of(child.path("digest").asText()));
            }
        }
        return java.util.Optional.empty();
    }

    /** The config blob's digest, for an image manifest. */
    public java.util.Optional<Digest> config() {
        JsonNode config = json().path("config");
        return config.hasNonNull("digest") ? java.util.Optional.of(Digest.of(config.get("digest").asText()))
                : java.util.Optional.empty();
    }

    private JsonNode json() {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("manifest " + digest + " is not JSON", e);
        }
    }

    private static String mediaTypeInside(byte[] bytes) {
        try {
            JsonNode json = JSON.readTree(bytes);
            if (json.hasNonNull("mediaType")) {
                return json.get("mediaType").asText();
            }
            return json.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
        } catch (IOException e) {
            throw new IllegalArgumentException("a manifest must be JSON", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Manifest other && Arrays.equals(bytes, other.bytes) && mediaType.equals(other.mediaType);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return mediaType + " " + digest;
    }
}
