package io.imagegraph.core.registry;

/**
 * One registry: a {@link DistributionRegistry} over HTTP, or an {@link OciLayoutRegistry} in a
 * directory. Its verbs move manifests and blobs; none of them pulls an image into a daemon.
 */
public interface Registry extends ManifestStore, TagListing, BlobStore {

    /** The registry's name in messages and references: a host, or the layout's directory. */
    String name();

    /** Checks that the registry answers the OCI Distribution API (and that the credentials work). */
    void checkVersion() throws RegistryException, InterruptedException;
}
