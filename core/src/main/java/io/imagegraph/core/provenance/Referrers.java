package io.imagegraph.core.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.MediaTypes;
import io.imagegraph.core.registry.ReferrersApi;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.registry.RegistryException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The manifests that refer to an image, through the OCI 1.1 referrers API where the registry has
 * it, else through the referrers tag schema: an image index tagged {@code sha256-<hex>} of the
 * subject, which whoever pushes a referrer updates (the CNCF distribution 2.8 registry has no
 * referrers API). Attaching pushes the referring manifest by digest, then, without the API, puts
 * the index again with the new entry (replacing an entry of the same digest).
 */
public final class Referrers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Registry registry;

    public Referrers(Registry registry) {
        this.registry = registry;
    }

    /** The tag the referrers tag schema keeps a subject's referrers under. */
    public static String fallbackTag(Digest subject) {
        return subject.algorithm() + "-" + subject.encoded();
    }

    /** Whether the registry answers the referrers API for this repository. */
    public boolean hasApi(RepositoryName repository, Digest subject) throws RegistryException, InterruptedException {
        return registry instanceof ReferrersApi api && api.referrers(repository, subject).isPresent();
    }

    /** Every referrer of {@code subject} in the repository, in the index's order. */
    public List<Referrer> of(RepositoryName repository, Digest subject) throws RegistryException, InterruptedException {
        Optional<Manifest> index = registry instanceof ReferrersApi api ? api.referrers(repository, subject)
                : Optional.empty();
        if (index.isEmpty()) {
            index = registry.manifest(repository, fallbackTag(subject)).filter(Manifest::isIndex);
        }
        return index.map(Referrers::entries).orElse(List.of());
    }

    /** Pushes {@code artifact} (a manifest whose subject is {@code subject}) and lists it as a referrer. */
    public void attach(RepositoryName repository, Digest subject, Manifest artifact, Referrer entry)
            throws RegistryException, InterruptedException {
        registry.putManifest(repository, artifact.digest().toString(), artifact);
        if (hasApi(repository, subject)) {
            return;
        }
        List<Referrer> entries = new ArrayList<>(registry.manifest(repository, fallbackTag(subject))
                .filter(Manifest::isIndex).map(Referrers::entries).orElse(List.of()));
        entries.removeIf(existing -> existing.digest().equals(entry.digest()));
        entries.add(entry);
        registry.putManifest(repository, fallbackTag(subject), index(entries));
    }

    /** The image index of the tag schema listing {@code entries}. */
    static Manifest index(List<Referrer> entries) {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        for (Referrer entry : entries) {
            ObjectNode descriptor = manifests.addObject();
            descriptor.put("mediaType", entry.mediaType());
            descriptor.put("digest", entry.digest().toString());
            descriptor.put("size", entry.size());
            descriptor.put("artifactType", entry.artifactType());
            if (!entry.annotations().isEmpty()) {
                ObjectNode annotations = descriptor.putObject("annotations");
                entry.annotations().forEach(annotations::put);
            }
        }
        try {
            return Manifest.of(JSON.writeValueAsBytes(index), MediaTypes.OCI_INDEX);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a referrers index", e);
        }
    }

    static List<Referrer> entries(Manifest index) {
        JsonNode json;
        try {
            json = JSON.readTree(index.bytes());
        } catch (IOException e) {
            return List.of();
        }
        List<Referrer> entries = new ArrayList<>();
        for (JsonNode child : json.path("manifests")) {
            Map<String, String> annotations = new LinkedHashMap<>();
            child.path("annotations").fields().forEachRemaining(field -> annotations.put(field.getKey(),
                    field.getValue().asText()));
            try {
                entries.add(new Referrer(Digest.of(child.path("digest").asText()), child.path("mediaType").asText(""),
                        child.path("size").asLong(), child.path("artifactType").asText(""), annotations));
            } catch (RuntimeException notADigest) {
                // an entry without a valid digest refers to nothing image-graph can read
            }
        }
        return entries;
    }
}
