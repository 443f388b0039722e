package io.imagegraph.core.promote;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.ManifestDescriptor;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.registry.RegistryException;

/**
 * Makes what a manifest needs present in a target repository before the manifest is put there:
 * its blobs, and for an index its per-platform manifests with their blobs. In the same registry
 * blobs are mounted (no bytes move); what a mount cannot give, and everything between two
 * registries, is copied blob by blob. Nothing is done for the repository the manifest is in.
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
            target.putBlob(to.repository(), blob, source.blob(from.repository(), blob));
        }
    }
}
