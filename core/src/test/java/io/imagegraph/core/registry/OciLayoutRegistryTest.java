package io.imagegraph.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutRegistryTest {

    @TempDir
    Path root;

    private static final RepositoryName BASE = RepositoryName.of("acme/base");

    @Test
    void putManifest_thenHeadAndManifest_giveTheSameBytesAndDigest() throws Exception {
        OciLayoutRegistry registry = OciLayoutRegistry.at(root);
        Manifest pushed = TestImages.push(registry, "acme/base", "test", "layout", MediaTypes.OCI_MANIFEST);
        assertThat(registry.head(BASE, "test").orElseThrow().digest()).isEqualTo(pushed.digest());
        assertThat(registry.manifest(BASE, pushed.digest().toString()).orElseThrow().bytes()).isEqualTo(pushed.bytes());
        assertThat(registry.head(BASE, "other")).isEmpty();
        assertThat(registry.head(RepositoryName.of("acme/none"), "test")).isEmpty();
    }

    @Test
    void putManifest_existingTag_movesIt() throws Exception {
        OciLayoutRegistry registry = OciLayoutRegistry.at(root);
        TestImages.push(registry, "acme/base", "latest", "one");
        Manifest second = TestImages.push(registry, "acme/base", "latest", "two");
        assertThat(registry.head(BASE, "latest").orElseThrow().digest()).isEqualTo(second.digest());
        assertThat(registry.tags(BASE)).containsExactly("latest");
    }

    @Test
    void layout_isReadBySkopeo() throws Exception {
        OciLayoutRegistry registry = OciLayoutRegistry.at(root);
        Manifest pushed = TestImages.push(registry, "acme/base", "test", "skopeo", MediaTypes.OCI_MANIFEST);
        Process skopeo = new ProcessBuilder("skopeo", "inspect", "--raw", "oci:" + root.resolve("acme/base") + ":test")
                .redirectErrorStream(true).start();
        byte[] raw = skopeo.getInputStream().readAllBytes();
        assertThat(skopeo.waitFor()).as(new String(raw, StandardCharsets.UTF_8)).isZero();
        assertThat(raw).isEqualTo(pushed.bytes());
    }

    @Test
    void putManifest_missingBlob_isRefusedNamingIt() throws Exception {
        OciLayoutRegistry registry = OciLayoutRegistry.at(root);
        Manifest pushed = TestImages.push(registry, "acme/base", "test", "complete");
        assertThatThrownBy(() -> registry.putManifest(RepositoryName.of("acme/other"), "test", pushed))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("it names " + pushed.blobs().get(0) + ", which is not in acme/other");
    }

    @Test
    void mountBlob_intoAnotherRepository_makesItAvailable() throws Exception {
        OciLayoutRegistry registry = OciLayoutRegistry.at(root);
        Manifest pushed = TestImages.push(registry, "acme/base", "test", "mount");
        for (Digest blob : pushed.blobs()) {
            assertThat(registry.mountBlob(BASE, RepositoryName.of("release/base"), blob)).isTrue();
        }
        registry.putManifest(RepositoryName.of("release/base"), "1.0", pushed);
        assertThat(registry.tags(RepositoryName.of("release/base"))).containsExactly("1.0");
        assertThat(registry.mountBlob(BASE, RepositoryName.of("release/base"),
                Digest.sha256("absent".getBytes(StandardCharsets.UTF_8)))).isFalse();
    }

    @Test
    void deleteManifest_removesEveryTagOfIt() throws Exception {
        OciLayoutRegistry registry = OciLayoutRegistry.at(root);
        Manifest pushed = TestImages.push(registry, "acme/base", "a", "delete");
        registry.putManifest(BASE, "b", pushed);
        registry.deleteManifest(BASE, pushed.digest());
        assertThat(registry.tags(BASE)).isEmpty();
        assertThatThrownBy(() -> registry.deleteManifest(BASE, pushed.digest())).hasMessageContaining("does not exist");
    }

    @Test
    void deleteTag_removesThatTagOnly() throws Exception {
        OciLayoutRegistry registry = OciLayoutRegistry.at(root);
        Manifest pushed = TestImages.push(registry, "acme/base", "a", "tags");
        registry.putManifest(BASE, "b", pushed);
        registry.deleteTag(BASE, "a");
        assertThat(registry.tags(BASE)).containsExactly("b");
        assertThat(registry.manifest(BASE, pushed.digest().toString())).isPresent();
        assertThatThrownBy(() -> registry.deleteTag(BASE, "a")).hasMessageContaining("does not exist");
    }

    @Test
    void putManifest_byItsDigest_storesItUntagged() throws Exception {
        OciLayoutRegistry registry = OciLayoutRegistry.at(root);
        Manifest pushed = TestImages.push(registry, "acme/base", "a", "untagged");
        registry.putManifest(RepositoryName.of("acme/base"), pushed.digest().toString(), pushed);
        assertThat(registry.tags(BASE)).containsExactly("a");
        assertThatThrownBy(() -> registry.putManifest(BASE, Digest.sha256("other".getBytes()).toString(), pushed))
                .hasMessageContaining("which is not its digest");
    }

    @Test
    void putBlob_wrongDigest_isRefused() {
        OciLayoutRegistry registry = OciLayoutRegistry.at(root);
        assertThatThrownBy(() -> registry.putBlob(BASE, Digest.sha256("a".getBytes()), "b".getBytes()))
                .hasMessageContaining("the content's digest is");
    }

    @Test
    void uploadBlob_wrongDigest_isRefusedAndLeavesNoFileBehind(@TempDir Path files) throws Exception {
        OciLayoutRegistry registry = OciLayoutRegistry.at(root);
        Path file = Files.writeString(files.resolve("layer"), "b");
        Digest claimed = Digest.sha256("a");
        assertThatThrownBy(() -> registry.uploadBlob(BASE, claimed, file))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("the content's digest is " + Digest.sha256("b"));
        try (var left = Files.list(root.resolve("acme/base/blobs/sha256"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void uploadThenDownloadBlob_throughFiles_keepsTheBytes(@TempDir Path files) throws Exception {
        OciLayoutRegistry registry = OciLayoutRegistry.at(root);
        byte[] content = "a layer".getBytes(StandardCharsets.UTF_8);
        registry.uploadBlob(BASE, Digest.sha256(content), Files.write(files.resolve("up"), content));
        registry.downloadBlob(BASE, Digest.sha256(content), files.resolve("down"));
        assertThat(Files.readAllBytes(files.resolve("down"))).isEqualTo(content);
        assertThat(registry.blob(BASE, Digest.sha256(content))).isEqualTo(content);
    }

    @Test
    void putManifest_manyThreadsAtOnce_keepsEveryTag() throws Exception {
        OciLayoutRegistry registry = OciLayoutRegistry.at(root);
        Manifest pushed = TestImages.push(registry, "acme/base", "t0", "concurrent");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Digest>> futures = new ArrayList<>();
        for (int i = 1; i <= 64; i++) {
            String tag = "t" + i;
            futures.add(pool.submit(() -> registry.putManifest(BASE, tag, pushed)));
        }
        for (Future<Digest> future : futures) {
            future.get();
        }
        pool.shutdown();
        assertThat(registry.tags(BASE)).hasSize(65);
        assertThat(Files.list(root.resolve("acme/base")).filter(p -> p.getFileName().toString().endsWith(".tmp")))
                .isEmpty();
    }

    @Test
    void checkVersion_unwritableRoot_failsNamingIt() throws Exception {
        Path file = root.resolve("a-file");
        Files.writeString(file, "x");
        OciLayoutRegistry registry = OciLayoutRegistry.at(file.resolve("sub"));
        assertThatThrownBy(registry::checkVersion).hasMessageContaining(file.resolve("sub").toString())
                .hasMessageContaining("cannot create the directory");
    }
}
