package io.imagegraph.core.build;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.ManifestDescriptor;
import io.imagegraph.core.registry.ManifestStore;
import io.imagegraph.core.registry.RegistryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The run's images in the registry: finds an image by its input-digest tag, and points the run's
 * tags at it registry side (the manifest's bytes put under each tag; nothing pulled or pushed
 * through a daemon). A tag already at that digest is left alone.
 */
final class RegistryTags {

    private final ManifestStore registry;

    RegistryTags(ManifestStore registry) {
        this.registry = registry;
    }

    /**
     * The image to reuse for an input digest, with the run's tags pointing at it afterwards.
     * {@code known} are manifest digests that earlier runs recorded for this input digest: when
     * every run tag already points at one of them, one HEAD a tag settles it (a manifest digest
     * names fixed content, so what was built from these inputs still is). Otherwise the
     * input-digest tag is looked up and the run tags are moved to it.
     */
    Optional<Digest> reuse(RepositoryName repository, String inputTag, List<String> tags, Set<Digest> known)
            throws RegistryException, InterruptedException {
        Map<String, Optional<Digest>> current = new LinkedHashMap<>();
        if (!known.isEmpty()) {
            Optional<Digest> common = Optional.empty();
            for (String tag : tags) {
                Optional<Digest> at = registry.head(repository, tag).map(ManifestDescriptor::digest);
                current.put(tag, at);
                boolean same = at.isPresent() && known.contains(at.get()) && (common.isEmpty() || common.equals(at));
                if (!same) {
                    common = Optional.empty();
                    break;
                }
                common = at;
            }
            if (common.isPresent()) {
                return common;
            }
        }
        Optional<ManifestDescriptor> found = registry.head(repository, inputTag);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(tag(repository, inputTag, found.get().digest(), tags, current));
    }

    Optional<ManifestDescriptor> find(RepositoryName repository, String inputTag)
            throws RegistryException, InterruptedException {
        return registry.head(repository, inputTag);
    }

    /** Points each tag at what {@code inputTag} points at; returns that digest. */
    Digest tag(RepositoryName repository, String inputTag, Digest digest, List<String> tags)
            throws RegistryException, InterruptedException {
        return tag(repository, inputTag, digest, tags, Map.of());
    }

    private Digest tag(RepositoryName repository, String inputTag, Digest digest, List<String> tags,
                       Map<String, Optional<Digest>> alreadyRead) throws RegistryException, InterruptedException {
        Manifest manifest = null;
        for (String tag : tags) {
            Optional<Digest> current = alreadyRead.containsKey(tag) ? alreadyRead.get(tag)
                    : registry.head(repository, tag).map(ManifestDescriptor::digest);
            if (current.isPresent() && current.get().equals(digest)) {
                continue;
            }
            if (manifest == null) {
                manifest = registry.manifest(repository, digest.toString()).orElseThrow(() -> RegistryException.of(
                        "move " + repository + ":" + tag + " to " + digest, "the registry",
                        "the manifest " + inputTag + " pointed at is gone"));
            }
            registry.putManifest(repository, tag, manifest);
        }
        return digest;
    }
}
