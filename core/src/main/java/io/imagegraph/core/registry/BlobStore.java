package io.imagegraph.core.registry;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import java.nio.file.Path;

/** Blobs (configs and layers) of a repository. */
public interface BlobStore {

    boolean blobExists(RepositoryName repository, Digest digest) throws RegistryException, InterruptedException;

    /**
     * Makes a blob of one repository available in another of the same registry without moving its
     * bytes (a cross-repository mount); false when the registry would not, so the caller copies.
     */
    boolean mountBlob(RepositoryName from, RepositoryName to, Digest digest) throws RegistryException, InterruptedException;

    /** A blob's bytes; meant for configs and other small blobs, as it holds them in memory. */
    byte[] blob(RepositoryName repository, Digest digest) throws RegistryException, InterruptedException;

    /** Uploads a blob in one request; its digest is checked by the registry. */
    void putBlob(RepositoryName repository, Digest digest, byte[] content) throws RegistryException, InterruptedException;

    /**
     * Writes a blob of any size into {@code file}, streaming (a layer is never held in memory),
     * and checks that the bytes have the digest asked for. Follows a registry's redirect to its
     * storage.
     */
    void downloadBlob(RepositoryName repository, Digest digest, Path file) throws RegistryException, InterruptedException;

    /**
     * Uploads a blob of any size from {@code file}, streaming; each retry reads the file again
     * from the start. The digest is checked before the blob becomes visible.
     */
    void uploadBlob(RepositoryName repository, Digest digest, Path file) throws RegistryException, InterruptedException;
}
