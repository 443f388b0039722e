package io.imagegraph.core.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.testing.RegistryExtension;
import io.imagegraph.core.testing.TestImages;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Usage read from a real CNCF registry on loopback. */
class StorageUsageTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    private static long size(Manifest manifest) {
        return manifest.blobSizes().values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void aRepositorysUniqueBytes_leaveOutWhatAnotherRepositoryOfTheNamespaceNames() throws Exception {
        String namespace = "su" + Long.toHexString(System.nanoTime());
        Manifest keystone = TestImages.push(REGISTRY.client(), namespace + "/keystone", "1", "keystone");
        TestImages.push(REGISTRY.client(), namespace + "/keystone", "2", "keystone");
        Manifest glance = TestImages.push(REGISTRY.client(), namespace + "/glance", "1", "glance");
        REGISTRY.client().mountBlob(RepositoryName.of(namespace + "/keystone"), RepositoryName.of(namespace + "/glance"),
                keystone.blobs().get(1));
        // glance:shared names keystone's layer too
        String sharedManifest = new String(keystone.bytes()).replace("\"digest\":\"" + keystone.blobs().get(0),
                "\"digest\":\"" + keystone.blobs().get(0));
        REGISTRY.client().mountBlob(RepositoryName.of(namespace + "/keystone"), RepositoryName.of(namespace + "/glance"),
                keystone.blobs().get(0));
        REGISTRY.client().putManifest(RepositoryName.of(namespace + "/glance"), "shared",
                Manifest.of(sharedManifest.getBytes(), keystone.mediaType()));

        StorageUsage storage = new StorageUsage(REGISTRY.registries());
        RepositoryContents keystoneNow = storage.read(REGISTRY.host() + "/" + namespace + "/keystone");
        RepositoryContents glanceNow = storage.read(REGISTRY.host() + "/" + namespace + "/glance");
        assertThat(keystoneNow.tags()).containsExactlyInAnyOrder("1", "2");

        Quota repository = new QuotaEntry(null, REGISTRY.host() + "/" + namespace + "/glance", "1MiB", 1).quota();
        Quota whole = new QuotaEntry(REGISTRY.host() + "/" + namespace, null, "1MiB", 10).quota();
        List<QuotaUsage> usage = StorageUsage.measure(List.of(repository, whole), List.of(keystoneNow, glanceNow));

        assertThat(usage.get(0).bytes()).as("glance's own blobs only").isEqualTo(size(glance));
        assertThat(usage.get(0).tags()).isEqualTo(2);
        assertThat(usage.get(0).overTags()).isTrue();
        assertThat(usage.get(0).describe()).contains("2 tags of 1");
        assertThat(usage.get(1).bytes()).as("each distinct blob once").isEqualTo(size(keystone) + size(glance));
        assertThat(usage.get(1).tags()).isEqualTo(4);
        assertThat(usage.get(1).over()).isFalse();
    }

    @Test
    void anIndex_countsTheBlobsOfEachPlatform() throws Exception {
        String namespace = "su" + Long.toHexString(System.nanoTime());
        Manifest index = TestImages.pushIndex(REGISTRY.client(), namespace + "/multi", "1", "multi");
        RepositoryContents contents = new StorageUsage(REGISTRY.registries()).read(REGISTRY.host() + "/" + namespace
                + "/multi");
        assertThat(contents.blobs()).hasSize(4);
        for (var child : index.children()) {
            Manifest platform = REGISTRY.client().manifest(RepositoryName.of(namespace + "/multi"),
                    child.digest().toString()).orElseThrow();
            for (Digest blob : platform.blobs()) {
                assertThat(contents.blobs()).containsKey(blob);
            }
        }
    }
}
