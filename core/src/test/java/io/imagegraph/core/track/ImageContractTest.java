package io.imagegraph.core.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.CredentialResolver;
import io.imagegraph.core.registry.DistributionRegistries;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.registry.RetryPolicy;
import io.imagegraph.core.testing.LoopbackRegistry;
import io.imagegraph.core.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageContractTest {

    private static byte[] config(String body) {
        return ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{" + body + "}}").getBytes(StandardCharsets.UTF_8);
    }

    private static final byte[] RUNNING = config("\"ExposedPorts\":{\"5000/tcp\":{},\"35357/tcp\":{}},"
            + "\"Env\":[\"PATH=/usr/bin\",\"KEYSTONE_DEBUG=false\"],\"Entrypoint\":[\"/entry\"],\"Cmd\":[\"serve\"],"
            + "\"User\":\"keystone\",\"Volumes\":{\"/var/log/keystone\":{}},\"WorkingDir\":\"/srv\"");

    @Test
    void ofConfig_readsEveryContractField() throws Exception {
        ImageContract contract = ImageContract.ofConfig(RUNNING);
        assertThat(contract.ports()).containsExactly("35357/tcp", "5000/tcp");
        assertThat(contract.env()).containsEntry("KEYSTONE_DEBUG", "false");
        assertThat(contract.entrypoint()).containsExactly("/entry");
        assertThat(contract.user()).isEqualTo("keystone");
        assertThat(contract.volumes()).containsExactly("/var/log/keystone");
    }

    @Test
    void changesSince_namesEachFieldThatChanged() throws Exception {
        ImageContract next = ImageContract.ofConfig(config("\"ExposedPorts\":{\"5000/tcp\":{}},"
                + "\"Env\":[\"PATH=/usr/bin\",\"KEYSTONE_DEBUG=true\",\"NEW=1\"],\"Entrypoint\":[\"/entry\"],"
                + "\"Cmd\":[\"serve\"],\"User\":\"root\",\"Volumes\":{\"/var/log/keystone\":{}},\"WorkingDir\":\"/srv\""));
        assertThat(next.changesSince(ImageContract.ofConfig(RUNNING))).extracting(Object::toString).containsExactly(
                "port: 35357/tcp → (none)", "env KEYSTONE_DEBUG: false → true", "env NEW: (none) → 1",
                "user: keystone → root");
    }

    @Test
    void changesSince_sameConfig_isEmpty() throws Exception {
        assertThat(ImageContract.ofConfig(RUNNING).changesSince(ImageContract.ofConfig(RUNNING))).isEmpty();
    }

    @Test
    void read_fromAnIndex_takesThePlatformAskedFor() throws Exception {
        try (LoopbackRegistry server = LoopbackRegistry.start()) {
            Registry registry = new DistributionRegistries(CredentialResolver.anonymous(), Set.of(),
                    RetryPolicy.standard()).named(server.host());
            TestImages.pushIndex(registry, "acme/multi", "1", "multi");
            ImageContract arm = ImageContract.read(registry, RepositoryName.of("acme/multi"), "1", "linux", "arm64");
            assertThat(arm.ports()).isEmpty();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ImageContract.read(registry,
                    RepositoryName.of("acme/multi"), "1", "linux", "s390x"))
                    .hasMessageContaining("the index has no linux/s390x image");
            assertThat(List.of(arm)).hasSize(1);
        }
    }
}
