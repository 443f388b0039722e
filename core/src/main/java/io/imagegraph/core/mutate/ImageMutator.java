package io.imagegraph.core.mutate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.ManifestDescriptor;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.registry.RegistryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Re-publishes an image with other metadata, registry side, as crane's {@code mutate} does: a new
 * config with the overrides, a new manifest naming the same layers, put under the mutation's
 * {@code to}. No layer is pulled or pushed when {@code to} is in the same registry (the layers are
 * there already, or mounted from the upstream repository); from another registry they are copied
 * by streaming. An index is mutated platform by platform. The same upstream digest with the same
 * overrides always gives the same digest, so a mutation already applied is found {@code unchanged}.
 */
public final class ImageMutator {

    /** The OCI annotation naming the image this one is based on. */
    public static final String BASE_NAME = "org.opencontainers.image.base.name";
    /** The OCI annotation giving the digest of the image this one is based on. */
    public static final String BASE_DIGEST = "org.opencontainers.image.base.digest";

    /** The label naming the mutation an overridden image came from. */
    public static final String MUTATION = "io.imagegraph.mutation";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Registries registries;

    public ImageMutator(Registries registries) {
        this.registries = registries;
    }

    /**
     * Applies one mutation to what its {@code from} points at now.
     *
     * @param dryRun compute the digest {@code to} would get, write nothing
     */
    public MutationResult apply(Mutation mutation, boolean dryRun) throws InterruptedException {
        Registry source;
        Registry target;
        String sourceDigest = null;
        try {
            source = registries.named(mutation.from().registry().orElseThrow());
            target = registries.named(mutation.to().registry().orElseThrow());
            RepositoryName fromRepo = mutation.from().repository();
            String fromTag = mutation.from().tag().orElseThrow();
            Optional<Manifest> upstream = source.manifest(fromRepo, fromTag);
            if (upstream.isEmpty()) {
                return MutationResult.failed(mutation, null, mutation.from() + " does not exist (no tag " + fromTag
                        + " in " + source.name() + "/" + fromRepo + "); check the mutation's from");
            }
            sourceDigest = upstream.get().digest().toString();
            Plan plan = plan(mutation, source, upstream.get());
            RepositoryName toRepo = mutation.to().repository();
            String toTag = mutation.to().tag().orElseThrow();
            String previous = target.head(toRepo, toTag).map(d -> d.digest().toString()).orElse(null);
            String digest = plan.result().digest().toString();
            if (digest.equals(previous)) {
                return result(mutation, sourceDigest, digest, previous, MutationResult.Status.UNCHANGED, new Counts(),
                        mutation.to() + " already is " + mutation.from() + " (" + shorten(sourceDigest) + ") with "
                                + mutation.overrides().summary() + " overridden");
            }
            if (dryRun) {
                return result(mutation, sourceDigest, digest, previous, MutationResult.Status.PLANNED, new Counts(),
                        "would override " + mutation.overrides().summary() + " of " + shorten(sourceDigest));
            }
            Counts counts = new Counts();
            for (ImageCopy image : plan.images()) {
                write(mutation, source, target, image, counts);
            }
            Digest written = target.putManifest(toRepo, toTag, plan.result());
            if (!written.equals(plan.result().digest())) {
                return result(mutation, sourceDigest, written.toString(), previous, MutationResult.Status.FAILED, counts,
                        target.name() + " stored the manifest as " + written + ", not as " + digest);
            }
            return result(mutation, sourceDigest, digest, previous, MutationResult.Status.MUTATED, counts,
                    "overrode " + mutation.overrides().summary() + " of " + mutation.from() + " ("
                            + shorten(sourceDigest) + ")");
        } catch (RegistryException e) {
            return MutationResult.failed(mutation, sourceDigest, e.getMessage());
        } catch (IOException e) {
            return MutationResult.failed(mutation, sourceDigest, "the image config of " + mutation.from()
                    + " could not be read: " + e.getMessage());
        }
    }

    /** One platform's image: its new config and manifest, and the layers the manifest needs. */
    private record ImageCopy(byte[] config, Digest configDigest, Manifest manifest, List<Digest> layers,
                             boolean child) {
    }

    /** What a mutation writes: each image, then the manifest (or index) put under the tag. */
    private record Plan(List<ImageCopy> images, Manifest result) {
    }

    private Plan plan(Mutation mutation, Registry source, Manifest upstream)
            throws RegistryException, InterruptedException, IOException {
        RepositoryName fromRepo = mutation.from().repository();
        if (!upstream.isIndex()) {
            ImageCopy image = mutated(mutation, source, upstream, false);
            return new Plan(List.of(image), image.manifest());
        }
        ObjectNode index = (ObjectNode) JSON.readTree(upstream.bytes());
        List<ImageCopy> images = new ArrayList<>();
        List<JsonNode> kept = new ArrayList<>();
        for (JsonNode child : index.path("manifests")) {
            JsonNode platform = child.path("platform");
            if ("unknown".equals(platform.path("os").asText()) || child.path("annotations")
                    .has("vnd.docker.reference.type")) {
                continue; // an attestation of the upstream image: it does not describe the overridden one
            }
            String childDigest = child.path("digest").asText();
            Manifest platformManifest = source.manifest(fromRepo, childDigest).orElseThrow(() -> RegistryException.of(
                    "read manifest " + childDigest + " of " + mutation.from(), source.name(),
                    "the index names it but the repository does not have it"));
            ImageCopy image = mutated(mutation, source, platformManifest, true);
            images.add(image);
            ObjectNode entry = ((ObjectNode) child).deepCopy();
            ManifestDescriptor descriptor = image.manifest().descriptor();
            entry.put("digest", descriptor.digest().toString());
            entry.put("size", descriptor.size());
            kept.add(entry);
        }
        if (images.isEmpty()) {
            throw RegistryException.of("mutate " + mutation.from(), source.name(), "its index names no platform image");
        }
        index.putArray("manifests").addAll(kept);
        Manifest result = Manifest.of(JSON.writeValueAsBytes(index), upstream.mediaType());
        return new Plan(images, result);
    }

    private ImageCopy mutated(Mutation mutation, Registry source, Manifest manifest, boolean child)
            throws RegistryException, InterruptedException, IOException {
        Digest configDigest = manifest.config().orElseThrow(() -> RegistryException.of("mutate " + mutation.from(),
                source.name(), "manifest " + manifest.digest() + " names no image config"));
        JsonNode config = JSON.readTree(source.blob(mutation.from().repository(), configDigest));
        if (!config.isObject()) {
            throw new IOException("config " + configDigest + " is not a JSON object");
        }
        ObjectNode edited = ((ObjectNode) config).deepCopy();
        Map<String, String> base = new LinkedHashMap<>();
        base.put(BASE_NAME, mutation.from().toString());
        base.put(BASE_DIGEST, manifest.digest().toString());
        base.put(MUTATION, mutation.name());
        mutation.overrides().applyTo(edited, base);
        byte[] newConfig = JSON.writeValueAsBytes(edited);
        Digest newConfigDigest = Digest.sha256(newConfig);
        ObjectNode body = (ObjectNode) JSON.readTree(manifest.bytes());
        ObjectNode configDescriptor = (ObjectNode) body.path("config");
        configDescriptor.put("digest", newConfigDigest.toString());
        configDescriptor.put("size", newConfig.length);
        List<Digest> layers = new ArrayList<>();
        body.path("layers").forEach(layer -> layers.add(Digest.of(layer.path("digest").asText())));
        Manifest result = Manifest.of(JSON.writeValueAsBytes(body), manifest.mediaType());
        return new ImageCopy(newConfig, newConfigDigest, result, layers, child);
    }

    private static void write(Mutation mutation, Registry source, Registry target, ImageCopy image, Counts counts)
            throws RegistryException, InterruptedException, IOException {
        RepositoryName fromRepo = mutation.from().repository();
        RepositoryName toRepo = mutation.to().repository();
        boolean sameRegistry = source.name().equals(target.name());
        for (Digest layer : image.layers()) {
            if (target.blobExists(toRepo, layer)) {
                counts.shared++;
            } else if (sameRegistry && target.mountBlob(fromRepo, toRepo, layer)) {
                counts.mounted++;
            } else {
                Path file = Files.createTempFile("imagegraph-layer", ".blob");
                try {
                    source.downloadBlob(fromRepo, layer, file);
                    target.uploadBlob(toRepo, layer, file);
                    counts.copied++;
                } finally {
                    Files.deleteIfExists(file);
                }
            }
        }
        if (!target.blobExists(toRepo, image.configDigest())) {
            target.putBlob(toRepo, image.configDigest(), image.config());
        }
        if (image.child()) {
            target.putManifest(toRepo, image.manifest().digest().toString(), image.manifest());
        }
    }

    /** How the layers got there. */
    private static final class Counts {
        int shared;
        int mounted;
        int copied;
    }

    private static MutationResult result(Mutation mutation, String sourceDigest, String digest, String previous,
                                         MutationResult.Status status, Counts counts, String reason) {
        return new MutationResult(mutation.name(), mutation.from().toString(), sourceDigest, mutation.to().toString(),
                digest, previous, status, counts.shared, counts.mounted, counts.copied, reason);
    }

    private static String shorten(String digest) {
        int colon = digest.indexOf(':');
        return digest.substring(0, Math.min(digest.length(), colon + 13));
    }
}
