package io.imagegraph.core.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagegraph.core.ref.TargetPlatform;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Composes an OCI image index from the per-platform manifests already in a repository: one
 * descriptor per platform, in the order given. Putting it under a tag moves no blobs and no
 * manifests; each platform manifest must be in the repository first (the registry checks).
 */
public final class ImageIndex {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageIndex() {
    }

    /** An index naming each platform's manifest. */
    public static Manifest of(Map<TargetPlatform, ManifestDescriptor> platforms) {
        if (platforms.isEmpty()) {
            throw new IllegalArgumentException("an image index names at least one platform manifest");
        }
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        new LinkedHashMap<>(platforms).forEach((platform, descriptor) -> {
            if (MediaTypes.isIndex(descriptor.mediaType())) {
                throw new IllegalArgumentException("the " + platform + " manifest " + descriptor.digest()
                        + " is an index itself; an index names image manifests");
            }
            ObjectNode entry = manifests.addObject();
            entry.put("mediaType", descriptor.mediaType());
            entry.put("digest", descriptor.digest().toString());
            entry.put("size", descriptor.size());
            ObjectNode named = entry.putObject("platform");
            named.put("architecture", platform.architecture());
            named.put("os", platform.os());
            platform.variant().ifPresent(variant -> named.put("variant", variant));
        });
        try {
            return Manifest.of(JSON.writeValueAsBytes(index), MediaTypes.OCI_INDEX);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write an image index", e);
        }
    }

    /** The platforms an index names, in its order: each platform to its manifest's digest. */
    public static Map<TargetPlatform, io.imagegraph.core.ref.Digest> platforms(Manifest index) {
        if (!index.isIndex()) {
            return Map.of();
        }
        Map<TargetPlatform, io.imagegraph.core.ref.Digest> named = new LinkedHashMap<>();
        try {
            for (var child : JSON.readTree(index.bytes()).path("manifests")) {
                var platform = child.path("platform");
                String variant = platform.path("variant").asText("");
                named.put(new TargetPlatform(platform.path("os").asText(), platform.path("architecture").asText(),
                        variant.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(variant)),
                        io.imagegraph.core.ref.Digest.of(child.path("digest").asText()));
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("index " + index.digest() + " does not name its platforms: "
                    + e.getMessage(), e);
        }
        return named;
    }

    /** Whether an index names exactly these platforms, in any order. */
    public static boolean namesExactly(Manifest manifest, List<TargetPlatform> platforms) {
        return manifest.isIndex() && platforms(manifest).keySet().equals(java.util.Set.copyOf(platforms));
    }
}
