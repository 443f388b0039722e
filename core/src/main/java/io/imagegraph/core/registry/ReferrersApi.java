package io.imagegraph.core.registry;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import java.util.Optional;

/**
 * The OCI Distribution 1.1 referrers API ({@code GET /v2/<name>/referrers/<digest>}): the manifests
 * whose {@code subject} is a digest. A registry without it (the CNCF distribution 2.8 registry)
 * answers 404; then this is empty and the caller falls back to the referrers tag schema.
 */
public interface ReferrersApi {

    /** The image index of the referrers the registry keeps, or empty when it has no referrers API. */
    Optional<Manifest> referrers(RepositoryName repository, Digest subject) throws RegistryException, InterruptedException;
}
