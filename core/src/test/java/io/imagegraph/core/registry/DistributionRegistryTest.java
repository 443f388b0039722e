package io.imagegraph.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.testing.LoopbackRegistry;
import io.imagegraph.core.testing.TestImages;
import io.imagegraph.core.testing.TokenServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry verbs against a real CNCF distribution registry on loopback. */
class DistributionRegistryTest {

    private static LoopbackRegistry server;
    private static DistributionRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        server = LoopbackRegistry.start();
        registry = DistributionRegistry.of(RegistryEndpoint.of(RegistryHost.parse(server.host())),
                CredentialResolver.anonymous());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static RepositoryName repo(String name) {
        return RepositoryName.of(name);
    }

    @Test
    void checkVersion_distributionRegistry_passes() throws Exception {
        registry.checkVersion();
    }

    @Test
    void checkVersion_serverWithoutV2_saysItIsNotARegistry() throws Exception {
        try (TokenServer notARegistry = TokenServer.start("u", "p")) {
            String host = notARegistry.realm().replace("http://", "").replace("/token", "");
            DistributionRegistry other = DistributionRegistry.of(RegistryEndpoint.of(RegistryHost.parse(host)),
                    CredentialResolver.anonymous());
            assertThatThrownBy(other::checkVersion).isInstanceOf(RegistryException.class)
                    .hasMessageContaining("does not answer the OCI Distribution API");
        }
    }

    @Test
    void head_missingTag_isEmpty() throws Exception {
        TestImages.push(registry, "acme/present", "one", "present");
        assertThat(registry.head(repo("acme/present"), "two")).isEmpty();
        assertThat(registry.head(repo("acme/absent"), "one")).isEmpty();
    }

    @Test
    void head_tag_givesDigestMediaTypeAndSize() throws Exception {
        Manifest pushed = TestImages.push(registry, "acme/headed", "v1", "headed");
        ManifestDescriptor descriptor = registry.head(repo("acme/headed"), "v1").orElseThrow();
        assertThat(descriptor).isEqualTo(new ManifestDescriptor(pushed.digest(), MediaTypes.DOCKER_MANIFEST,
                pushed.bytes().length));
    }

    @Test
    void putManifest_underAnotherTag_keepsTheDigestForDockerAndOciManifests() throws Exception {
        for (String type : List.of(MediaTypes.DOCKER_MANIFEST, MediaTypes.OCI_MANIFEST)) {
            String name = type.contains("docker") ? "acme/retag-docker" : "acme/retag-oci";
            Manifest pushed = TestImages.push(registry, name, "test", name, type);
            Manifest fetched = registry.manifest(repo(name), "test").orElseThrow();
            assertThat(fetched.bytes()).isEqualTo(pushed.bytes());
            assertThat(fetched.mediaType()).isEqualTo(type);
            registry.putManifest(repo(name), "latest", fetched);
            assertThat(registry.head(repo(name), "latest").orElseThrow().digest()).isEqualTo(pushed.digest());
        }
    }

    @Test
    void manifest_byDigest_returnsTheSameBytes() throws Exception {
        Manifest pushed = TestImages.push(registry, "acme/bydigest", "x", "bydigest");
        assertThat(registry.manifest(repo("acme/bydigest"), pushed.digest().toString()).orElseThrow().bytes())
                .isEqualTo(pushed.bytes());
    }

    @Test
    void tags_overSeveralPages_listsEveryTag() throws Exception {
        Manifest pushed = TestImages.push(registry, "acme/many", "t000", "many");
        List<String> expected = new ArrayList<>(List.of("t000"));
        for (int i = 1; i < 230; i++) {
            String tag = String.format("t%03d", i);
            registry.putManifest(repo("acme/many"), tag, pushed);
            expected.add(tag);
        }
        assertThat(registry.tags(repo("acme/many"))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void tags_unknownRepository_isEmpty() throws Exception {
        assertThat(registry.tags(repo("acme/never-pushed"))).isEmpty();
    }

    @Test
    void mountBlob_fromAnotherRepository_letsItsManifestBePutThere() throws Exception {
        Manifest pushed = TestImages.push(registry, "acme/source", "test", "mounted");
        for (Digest blob : pushed.blobs()) {
            assertThat(registry.blobExists(repo("acme/target"), blob)).isFalse();
            assertThat(registry.mountBlob(repo("acme/source"), repo("acme/target"), blob)).isTrue();
            assertThat(registry.blobExists(repo("acme/target"), blob)).isTrue();
        }
        registry.putManifest(repo("acme/target"), "latest", pushed);
        assertThat(registry.head(repo("acme/target"), "latest").orElseThrow().digest()).isEqualTo(pushed.digest());
    }

    @Test
    void mountBlob_missingBlob_isFalseAndLeavesNoUpload() throws Exception {
        Digest missing = Digest.sha256("nothing like this".getBytes(StandardCharsets.UTF_8));
        assertThat(registry.mountBlob(repo("acme/source2"), repo("acme/target2"), missing)).isFalse();
    }

    @Test
    void putManifest_namingAMissingBlob_failsWithTheRepositoryAndReason() throws Exception {
        Manifest pushed = TestImages.push(registry, "acme/complete", "test", "complete");
        assertThatThrownBy(() -> registry.putManifest(repo("acme/incomplete"), "test", pushed))
                .isInstanceOf(RegistryException.class)
                .hasMessageStartingWith("Tried to put manifest " + pushed.digest() + " as acme/incomplete:test at "
                        + server.host() + " but failed because:")
                .hasMessageContaining("MANIFEST_BLOB_UNKNOWN")
                .satisfies(e -> assertThat(((RegistryException) e).isRetryable()).isFalse());
    }

    @Test
    void blob_returnsTheBytesItWasGiven() throws Exception {
        byte[] content = "a small config".getBytes(StandardCharsets.UTF_8);
        registry.putBlob(repo("acme/blobs"), Digest.sha256(content), content);
        assertThat(registry.blob(repo("acme/blobs"), Digest.sha256(content))).isEqualTo(content);
    }

    @Test
    void uploadAndDownloadBlob_aLayerLargerThanAnyBuffer_arriveIntactThroughFiles(@TempDir Path dir) throws Exception {
        byte[] content = new byte[9 * 1024 * 1024 + 17];
        new Random(11).nextBytes(content);
        Digest digest = Digest.sha256(content);
        registry.uploadBlob(repo("acme/large"), digest, Files.write(dir.resolve("up"), content));
        assertThat(registry.blobExists(repo("acme/large"), digest)).isTrue();
        registry.downloadBlob(repo("acme/large"), digest, dir.resolve("down"));
        assertThat(Digest.sha256(dir.resolve("down"))).isEqualTo(digest);
    }

    @Test
    void uploadBlob_fileWithOtherBytesThanTheDigest_isRefusedByTheRegistry(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("up"), "not what the digest says");
        Digest claimed = Digest.sha256("something else");
        assertThatThrownBy(() -> registry.uploadBlob(repo("acme/mismatch"), claimed, file))
                .isInstanceOf(RegistryException.class)
                .hasMessageStartingWith("Tried to upload blob " + claimed.shortForm() + " to acme/mismatch at "
                        + server.host())
                .hasMessageContaining("DIGEST_INVALID");
        assertThat(registry.blobExists(repo("acme/mismatch"), claimed)).isFalse();
    }

    @Test
    void downloadBlob_missing_failsNamingTheBlobAndRepository(@TempDir Path dir) {
        Digest missing = Digest.sha256("never uploaded");
        assertThatThrownBy(() -> registry.downloadBlob(repo("acme/blobs"), missing, dir.resolve("down")))
                .isInstanceOf(RegistryException.class)
                .hasMessageStartingWith("Tried to get blob " + missing.shortForm() + " of acme/blobs at " + server.host())
                .satisfies(e -> assertThat(((RegistryException) e).status()).isEqualTo(404));
    }

    @Test
    void deleteManifest_removesItsTags() throws Exception {
        Manifest pushed = TestImages.push(registry, "acme/deleted", "gone", "deleted");
        registry.deleteManifest(repo("acme/deleted"), pushed.digest());
        assertThat(registry.head(repo("acme/deleted"), "gone")).isEmpty();
    }

    @Test
    void deleteTag_onDistribution2_saysItCannotDeleteATagAlone() throws Exception {
        TestImages.push(registry, "acme/tagdelete", "only", "tagdelete");
        assertThatThrownBy(() -> registry.deleteTag(repo("acme/tagdelete"), "only"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("this registry cannot delete a tag on its own");
        assertThat(registry.head(repo("acme/tagdelete"), "only")).isPresent();
    }

    @Test
    void head_invalidReference_isRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> registry.head(repo("acme/x"), "../etc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither a tag");
    }
}
