package io.imagegraph.core.promote;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.ManifestDescriptor;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.registry.RegistryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes what a manifest needs present in a target repository before the manifest is put there:
 * its blobs, and for an index its per-platform manifests with their blobs. In the same registry
 * blobs are mounted (no bytes move); what a mount cannot give, and everything between two
 * registries, is copied blob by blob, streamed through a temporary file. Nothing is done for the repository the manifest is in.
 */
final class ManifestContent {

    private ManifestContent() {
    }

    static void ensure(Registry source, ImageLocation from, Registry target, ImageLocation to, Manifest manifest)
            throws RegistryException, InterruptedException {
        if (from.equals(to)) {
            return;
        }
        if (manifest.isIndex()) {
            for (ManifestDescriptor child : manifest.children()) {
                if (target.head(to.repository(), child.digest().toString()).isPresent()) {
                    continue;
                }
                Manifest platform = source.manifest(from.repository(), child.digest().toString())
                        .orElseThrow(() -> RegistryException.of("copy " + from + "@" + child.digest(), source.name(),
                                "the index names a manifest the repository does not have"));
                ensureBlobs(source, from, target, to, platform);
                target.putManifest(to.repository(), child.digest().toString(), platform);
            }
            return;
        }
        ensureBlobs(source, from, target, to, manifest);
    }

    private static void ensureBlobs(Registry source, ImageLocation from, Registry target, ImageLocation to,
                                    Manifest manifest) throws RegistryException, InterruptedException {
        boolean sameRegistry = from.registry().equals(to.registry());
        for (Digest blob : manifest.blobs()) {
            if (target.blobExists(to.repository(), blob)) {
                continue;
            }
            if (sameRegistry && target.mountBlob(from.repository(), to.repository(), blob)) {
                continue;
            }
            copyBlob(source, from, target, to, blob);
        }
    }

    /** Streams a blob through a temporary file, so that a layer of any size never sits in memory. */
    private static void copyBlob(Registry source, ImageLocation from, Registry target, ImageLocation to, Digest blob)
            throws RegistryException, InterruptedException {
        Path file;
        try {
            file = Files.createTempFile("imagegraph-blob-", ".tmp");
        } catch (IOException e) {
            throw RegistryException.of("copy blob " + blob.shortForm() + " to " + to, target.name(),
                    "cannot make a temporary file (" + e.getMessage() + "); set java.io.tmpdir to a writable folder");
        }
        try {
            source.downloadBlob(from.repository(), blob, file);
            target.uploadBlob(to.repository(), blob, file);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the system's temporary folder is cleaned by the system
            }
        }
    }
}
