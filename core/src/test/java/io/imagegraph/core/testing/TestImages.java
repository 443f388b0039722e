package io.imagegraph.core.testing;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.MediaTypes;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.registry.RegistryException;
import java.nio.charset.StandardCharsets;

/**
 * Small images put straight into a registry through its blob and manifest API: a config and one
 * layer whose bytes name the image, under a Docker schema 2 or OCI manifest. Different names give
 * different digests.
 */
public final class TestImages {

    private TestImages() {
    }

    public static Manifest push(Registry registry, String repository, String tag, String label)
            throws RegistryException, InterruptedException {
        return push(registry, repository, tag, label, MediaTypes.DOCKER_MANIFEST);
    }

    /**
     * A multi-platform image: an OCI index under {@code tag} naming two OCI manifests, linux/amd64
     * and linux/arm64, each with its own config and layer, stored untagged by digest (as a
     * multi-platform build pushes them).
     */
    public static Manifest pushIndex(Registry registry, String repository, String tag, String label)
            throws RegistryException, InterruptedException {
        StringBuilder children = new StringBuilder();
        for (String arch : new String[] {"amd64", "arm64"}) {
            Manifest platform = image(registry, repository, label + " for " + arch, MediaTypes.OCI_MANIFEST);
            registry.putManifest(RepositoryName.of(repository), platform.digest().toString(), platform);
            children.append(children.isEmpty() ? "" : ",").append("{\"mediaType\":\"").append(MediaTypes.OCI_MANIFEST)
                    .append("\",\"size\":").append(platform.bytes().length).append(",\"digest\":\"")
                    .append(platform.digest()).append("\",\"platform\":{\"architecture\":\"").append(arch)
                    .append("\",\"os\":\"linux\"}}");
        }
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
                + children + "]}";
        Manifest value = Manifest.of(index.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_INDEX);
        registry.putManifest(RepositoryName.of(repository), tag, value);
        return value;
    }

    public static Manifest push(Registry registry, String repository, String tag, String label, String mediaType)
            throws RegistryException, InterruptedException {
        Manifest value = image(registry, repository, label, mediaType);
        registry.putManifest(RepositoryName.of(repository), tag, value);
        return value;
    }

    /** Uploads an image's blobs and returns its manifest, which is not put anywhere yet. */
    private static Manifest image(Registry registry, String repository, String label, String mediaType)
            throws RegistryException, InterruptedException {
        RepositoryName repo = RepositoryName.of(repository);
        byte[] layer = ("layer of " + label).getBytes(StandardCharsets.UTF_8);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"name\":\"" + label
                + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + Digest.sha256(layer) + "\"]}}")
                .getBytes(StandardCharsets.UTF_8);
        registry.putBlob(repo, Digest.sha256(layer), layer);
        registry.putBlob(repo, Digest.sha256(config), config);
        boolean oci = mediaType.equals(MediaTypes.OCI_MANIFEST);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"config\":{\"mediaType\":\""
                + (oci ? "application/vnd.oci.image.config.v1+json" : "application/vnd.docker.container.image.v1+json")
                + "\",\"size\":" + config.length + ",\"digest\":\"" + Digest.sha256(config) + "\"},\"layers\":[{"
                + "\"mediaType\":\"" + (oci ? "application/vnd.oci.image.layer.v1.tar+gzip"
                : "application/vnd.docker.image.rootfs.diff.tar.gzip") + "\",\"size\":" + layer.length
                + ",\"digest\":\"" + Digest.sha256(layer) + "\"}]}";
        return Manifest.of(manifest.getBytes(StandardCharsets.UTF_8), mediaType);
    }
}
