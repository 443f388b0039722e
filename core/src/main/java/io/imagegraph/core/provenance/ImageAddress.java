package io.imagegraph.core.provenance;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.ImageRef;
import io.imagegraph.core.ref.RepositoryName;
import java.util.List;
import java.util.Optional;

/**
 * Where an image of a report sits in a registry: the registry host, the repository and the
 * manifest digest, taken from the first of its references that names a registry.
 *
 * @param registry   the registry host
 * @param repository the repository
 * @param digest     the manifest digest
 */
public record ImageAddress(String registry, RepositoryName repository, Digest digest) {

    public static Optional<ImageAddress> of(List<String> references, Optional<String> digest) {
        if (digest.isEmpty() || !digest.get().startsWith("sha256:")) {
            return Optional.empty();
        }
        for (String reference : references) {
            try {
                ImageRef ref = ImageRef.parse(reference);
                if (ref.registry().isPresent()) {
                    return Optional.of(new ImageAddress(ref.registry().get(), ref.repository(), Digest.of(digest.get())));
                }
            } catch (RuntimeException notAReference) {
                // a local name: try the next
            }
        }
        return Optional.empty();
    }

    /** {@code registry/repository}, the statements' subject name. */
    public String name() {
        return registry + "/" + repository.value();
    }

    @Override
    public String toString() {
        return name() + "@" + digest;
    }
}
