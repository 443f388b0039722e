package io.imagegraph.core.registry;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import java.util.Optional;

/** Reads and writes manifests by tag or digest. A tag or manifest that is not there is empty, not an error. */
public interface ManifestStore {

    /** What a tag or digest points at, without the manifest's body (an HTTP HEAD). */
    Optional<ManifestDescriptor> head(RepositoryName repository, String reference)
            throws RegistryException, InterruptedException;

    /** The manifest a tag or digest points at, byte for byte. */
    Optional<Manifest> manifest(RepositoryName repository, String reference)
            throws RegistryException, InterruptedException;

    /**
     * Puts a manifest's exact bytes under a tag, so the tag points at the same digest; or, given
     * the manifest's own digest as the reference, stores it untagged (an index's platform
     * manifests). It moves no blobs: the blobs (or, for an index, the manifests) it names must
     * already be in the repository.
     */
    Digest putManifest(RepositoryName repository, String reference, Manifest manifest)
            throws RegistryException, InterruptedException;

    /**
     * Removes one tag, leaving the manifest and its other tags (OCI Distribution 1.1; a registry
     * without it answers that it cannot, and this throws with that reason).
     */
    void deleteTag(RepositoryName repository, String tag) throws RegistryException, InterruptedException;

    /** Deletes a manifest, and with it every tag pointing at it. */
    void deleteManifest(RepositoryName repository, Digest digest) throws RegistryException, InterruptedException;
}
