package io.imagegraph.core.ref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RegistryHostTest {

    @ParameterizedTest
    @ValueSource(strings = {"quay.io", "127.0.0.1:5000", "localhost", "localhost:5000", "[::1]:5000", "registry-1.example.com"})
    void parse_acceptsHosts(String host) {
        assertThat(RegistryHost.parse(host).value()).isEqualTo(host);
    }

    @Test
    void parse_schemeOrPath_isRefusedWithTheForm() {
        assertThatThrownBy(() -> RegistryHost.parse("https://quay.io"))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessage("'https://quay.io' is not a registry host: write host[:port], such as quay.io or"
                        + " 127.0.0.1:5000, without a scheme or path");
        assertThatThrownBy(() -> RegistryHost.parse("quay.io/acme")).hasMessageContaining("without a scheme or path");
    }

    @Test
    void parse_bareWord_wouldBeARepository() {
        assertThatThrownBy(() -> RegistryHost.parse("quay")).hasMessageStartingWith("'quay' would be read as a repository");
    }
}
