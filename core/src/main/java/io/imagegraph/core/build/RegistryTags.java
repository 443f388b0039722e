package io.imagegraph.core.build;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.ManifestDescriptor;
import io.imagegraph.core.registry.ManifestStore;
import io.imagegraph.core.registry.RegistryException;
import java.util.List;
import java.util.Optional;

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

    Optional<ManifestDescriptor> find(RepositoryName repository, String inputTag)
            throws RegistryException, InterruptedException {
        return registry.head(repository, inputTag);
    }

    /** Points each tag at what {@code inputTag} points at; returns that digest. */
    Digest tag(RepositoryName repository, String inputTag, Digest digest, List<String> tags)
            throws RegistryException, InterruptedException {
        Manifest manifest = null;
        for (String tag : tags) {
            Optional<ManifestDescriptor> current = registry.head(repository, tag);
            if (current.isPresent() && current.get().digest().equals(digest)) {
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
