package io.imagegraph.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.ref.RegistryHost;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistryEndpointTest {

    private static RegistryEndpoint endpoint(String host) {
        return RegistryEndpoint.of(RegistryHost.parse(host));
    }

    @Test
    void of_loopbackHosts_usePlainHttp() {
        assertThat(endpoint("127.0.0.1:5000").base().toString()).isEqualTo("http://127.0.0.1:5000/");
        assertThat(endpoint("localhost:5000").isPlainHttp()).isTrue();
        assertThat(endpoint("localhost").isPlainHttp()).isTrue();
        assertThat(endpoint("[::1]:5000").isPlainHttp()).isTrue();
    }

    @Test
    void of_otherHosts_useHttps() {
        assertThat(endpoint("quay.io").base().toString()).isEqualTo("https://quay.io/");
        assertThat(endpoint("127.example.com").isPlainHttp()).isFalse();
        assertThat(endpoint("registry.local:5000").isPlainHttp()).isFalse();
    }

    @Test
    void of_hostNamedPlainHttp_usesPlainHttp() {
        assertThat(RegistryEndpoint.of(RegistryHost.parse("registry.local:5000"), Set.of("registry.local:5000"))
                .isPlainHttp()).isTrue();
    }

    @Test
    void of_dockerHub_answersAtRegistry1() {
        assertThat(endpoint("docker.io").base().toString()).isEqualTo("https://registry-1.docker.io/");
        assertThat(endpoint("docker.io").host().value()).isEqualTo("docker.io");
    }
}
