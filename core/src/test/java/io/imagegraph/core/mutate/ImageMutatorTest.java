package io.imagegraph.core.mutate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.process.CapturedRun;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.ImageRef;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.testing.Busybox;
import io.imagegraph.core.testing.DockerDaemon;
import io.imagegraph.core.testing.FaultyProxy;
import io.imagegraph.core.testing.LoopbackRegistry;
import io.imagegraph.core.testing.RegistryExtension;
import io.imagegraph.core.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Mutations against a real CNCF registry on loopback, and the result run by a real Docker Engine. */
class ImageMutatorTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path context;

    private static final ConfigOverrides OVERRIDES = new ConfigOverrides(Map.of("LOG_LEVEL", "debug"),
            List.of("8443/tcp"), Map.of("team", "identity"), null, null, "1001", "/srv");

    private static Mutation mutation(String registry, String from, String to, ConfigOverrides overrides) {
        return new Mutation("prod", ImageRef.parse(registry + "/" + from), ImageRef.parse(registry + "/" + to),
                overrides);
    }

    private static JsonNode config(Registry registry, String repository, String tag) throws Exception {
        Manifest manifest = registry.manifest(RepositoryName.of(repository), tag).orElseThrow();
        return JSON.readTree(registry.blob(RepositoryName.of(repository), manifest.config().orElseThrow()));
    }

    @Test
    void sameRegistry_newConfigAndManifest_sameLayers_noLayerUploaded() throws Exception {
        String upstream = RegistryExtension.unique("mu", "keystone");
        String target = RegistryExtension.unique("mu", "acme-keystone");
        Manifest original = TestImages.push(REGISTRY.client(), upstream, "2024.2", "keystone");
        try (FaultyProxy proxy = FaultyProxy.in(REGISTRY.host())) {
            ImageMutator mutator = new ImageMutator(REGISTRY.registries());
            MutationResult result = mutator.apply(mutation(proxy.host(), upstream + ":2024.2", target + ":2024.2-prod",
                    OVERRIDES), false);

            assertThat(result.status()).as(result.reason()).isEqualTo(MutationResult.Status.MUTATED);
            assertThat(result.sourceDigest()).isEqualTo(original.digest().toString());
            assertThat(result.layersMounted()).isEqualTo(1);
            assertThat(result.layersCopied()).isZero();
            List<String> uploads = proxy.seen().stream().filter(r -> r.contains("/blobs/uploads")).toList();
            String layer = original.blobs().get(1).toString();
            assertThat(uploads).as("the layer is mounted; only the new config is uploaded (POST, then PUT)")
                    .hasSize(3).first().matches(r -> r.startsWith("POST") && r.contains("mount=" + layer));
            assertThat(uploads.get(2)).startsWith("PUT").contains("digest=").doesNotContain(layer);
            assertThat(proxy.seen()).noneMatch(r -> r.startsWith("PUT") && r.contains(original.blobs().get(1).toString()));
        }
        Registry registry = REGISTRY.client();
        Manifest mutated = registry.manifest(RepositoryName.of(target), "2024.2-prod").orElseThrow();
        assertThat(mutated.blobs().subList(1, mutated.blobs().size())).isEqualTo(original.blobs().subList(1, 2));
        JsonNode config = config(registry, target, "2024.2-prod");
        assertThat(config.at("/config/Env").toString()).contains("LOG_LEVEL=debug");
        assertThat(config.at("/config/ExposedPorts").has("8443/tcp")).isTrue();
        assertThat(config.at("/config/Labels/team").asText()).isEqualTo("identity");
        assertThat(config.at("/config/Labels/name").asText()).as("the upstream's own labels stay").isEqualTo("keystone");
        assertThat(config.at("/config/Labels").get(ImageMutator.BASE_DIGEST).asText())
                .isEqualTo(original.digest().toString());
        assertThat(config.at("/config/User").asText()).isEqualTo("1001");
        assertThat(config.at("/rootfs")).isEqualTo(config(registry, upstream, "2024.2").at("/rootfs"));
    }

    @Test
    void appliedAgainToTheSameUpstream_isUnchanged_andWritesNothing() throws Exception {
        String upstream = RegistryExtension.unique("mu", "glance");
        TestImages.push(REGISTRY.client(), upstream, "1", "glance");
        MutationResult first;
        try (FaultyProxy proxy = FaultyProxy.in(REGISTRY.host())) {
            Mutation mutation = mutation(proxy.host(), upstream + ":1", upstream + ":1-prod", OVERRIDES);
            first = new ImageMutator(REGISTRY.registries()).apply(mutation, false);
            int before = proxy.seen().size();
            MutationResult again = new ImageMutator(REGISTRY.registries()).apply(mutation, false);
            assertThat(again.status()).isEqualTo(MutationResult.Status.UNCHANGED);
            assertThat(again.digest()).isEqualTo(first.digest());
            assertThat(proxy.seen().subList(before, proxy.seen().size()))
                    .noneMatch(r -> r.startsWith("PUT") || r.startsWith("POST"));
        }
        assertThat(first.layersShared()).as("same repository: the layer is there already").isEqualTo(1);
    }

    @Test
    void dryRun_saysTheDigestToWouldGet_andWritesNothing() throws Exception {
        String upstream = RegistryExtension.unique("mu", "nova");
        TestImages.push(REGISTRY.client(), upstream, "1", "nova");
        Mutation mutation = mutation(REGISTRY.host(), upstream + ":1", upstream + ":1-prod", OVERRIDES);
        MutationResult planned = new ImageMutator(REGISTRY.registries()).apply(mutation, true);
        assertThat(planned.status()).isEqualTo(MutationResult.Status.PLANNED);
        assertThat(REGISTRY.client().head(RepositoryName.of(upstream), "1-prod")).isEmpty();
        MutationResult applied = new ImageMutator(REGISTRY.registries()).apply(mutation, false);
        assertThat(applied.digest()).isEqualTo(planned.digest());
    }

    @Test
    void anIndex_isMutatedPlatformByPlatform_keepingThePlatforms() throws Exception {
        String upstream = RegistryExtension.unique("mu", "multi");
        Manifest index = TestImages.pushIndex(REGISTRY.client(), upstream, "1", "multi");
        MutationResult result = new ImageMutator(REGISTRY.registries()).apply(mutation(REGISTRY.host(),
                upstream + ":1", upstream + ":1-prod", OVERRIDES), false);
        assertThat(result.status()).as(result.reason()).isEqualTo(MutationResult.Status.MUTATED);
        Registry registry = REGISTRY.client();
        Manifest mutated = registry.manifest(RepositoryName.of(upstream), "1-prod").orElseThrow();
        assertThat(mutated.isIndex()).isTrue();
        for (String arch : List.of("amd64", "arm64")) {
            Digest child = mutated.childFor("linux", arch).orElseThrow();
            assertThat(child).isNotEqualTo(index.childFor("linux", arch).orElseThrow());
            Manifest platform = registry.manifest(RepositoryName.of(upstream), child.toString()).orElseThrow();
            JsonNode config = JSON.readTree(registry.blob(RepositoryName.of(upstream), platform.config().orElseThrow()));
            assertThat(config.at("/config/Env").toString()).contains("LOG_LEVEL=debug");
            assertThat(config.at("/config/Labels").get(ImageMutator.BASE_DIGEST).asText())
                    .isEqualTo(index.childFor("linux", arch).orElseThrow().toString());
        }
    }

    @Test
    void toAnotherRegistry_theLayersAreCopied() throws Exception {
        String upstream = RegistryExtension.unique("mu", "cinder");
        Manifest original = TestImages.push(REGISTRY.client(), upstream, "1", "cinder");
        try (LoopbackRegistry other = LoopbackRegistry.start()) {
            Mutation mutation = new Mutation("prod", ImageRef.parse(REGISTRY.host() + "/" + upstream + ":1"),
                    ImageRef.parse(other.host() + "/acme/cinder:1-prod"), OVERRIDES);
            MutationResult result = new ImageMutator(REGISTRY.registries()).apply(mutation, false);
            assertThat(result.status()).as(result.reason()).isEqualTo(MutationResult.Status.MUTATED);
            assertThat(result.layersCopied()).isEqualTo(1);
            assertThat(REGISTRY.registries().named(other.host()).blobExists(RepositoryName.of("acme/cinder"),
                    original.blobs().get(1))).isTrue();
        }
    }

    @Test
    void anUpstreamTagThatDoesNotExist_failsSayingWhich() throws Exception {
        String upstream = RegistryExtension.unique("mu", "missing");
        MutationResult result = new ImageMutator(REGISTRY.registries()).apply(mutation(REGISTRY.host(),
                upstream + ":9", upstream + ":9-prod", OVERRIDES), false);
        assertThat(result.status()).isEqualTo(MutationResult.Status.FAILED);
        assertThat(result.reason()).contains(upstream + ":9 does not exist").contains("check the mutation's from");
    }

    @Test
    void theMutatedImage_runsInDocker_withTheOverrides() throws Exception {
        DockerDaemon docker = DockerDaemon.shared();
        Busybox.copyInto(context.resolve("busybox"));
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\n"
                + "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\nENV GREETING=hello\n");
        String upstream = REGISTRY.host() + "/" + RegistryExtension.unique("mu", "shell");
        assertThat(docker.docker("build", "--network", "none", "-q", "-t", upstream + ":1", context.toString())
                .exitCode()).isZero();
        CapturedRun pushed = docker.docker("push", upstream + ":1");
        assertThat(pushed.exitCode()).as(pushed.stderr()).isZero();
        Mutation mutation = new Mutation("prod", ImageRef.parse(upstream + ":1"), ImageRef.parse(upstream + ":1-prod"),
                new ConfigOverrides(Map.of("GREETING", "bonjour"), null, null, null,
                        List.of("/bin/sh", "-c", "echo $GREETING from $(pwd)"), null, "/tmp"));
        MutationResult result = new ImageMutator(REGISTRY.registries()).apply(mutation, false);
        assertThat(result.status()).as(result.reason()).isEqualTo(MutationResult.Status.MUTATED);
        CapturedRun run = docker.docker("run", "--rm", "--network", "none", upstream + ":1-prod");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout().strip()).isEqualTo("bonjour from /tmp");
        docker.docker("rmi", "-f", upstream + ":1", upstream + ":1-prod");
    }
}
