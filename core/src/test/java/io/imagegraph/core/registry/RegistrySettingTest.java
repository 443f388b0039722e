package io.imagegraph.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.ref.RegistryHost;
import org.junit.jupiter.api.Test;

class RegistrySettingTest {

    @Test
    void parse_hostAlone_isHttps() {
        assertThat(RegistrySetting.parse(" quay.io ", RegistryKind.QUAY))
                .isEqualTo(new RegistrySetting(RegistryHost.parse("quay.io"), RegistryKind.QUAY, false));
    }

    @Test
    void parse_httpsUrl_withTrailingSlash_isItsHost() {
        assertThat(RegistrySetting.parse("https://registry.example.com:8443/", RegistryKind.DOCKER_V2).host())
                .isEqualTo(RegistryHost.parse("registry.example.com:8443"));
    }

    @Test
    void parse_httpUrl_isPlainHttp_andLoopbackAlwaysIs() {
        assertThat(RegistrySetting.parse("http://registry.lan:5000", RegistryKind.DOCKER_V2).plainHttp()).isTrue();
        assertThat(RegistrySetting.parse("127.0.0.1:5000", RegistryKind.DOCKER_V2).plainHttp()).isTrue();
    }

    @Test
    void parse_urlWithAPath_saysWhereTheNamespaceGoes() {
        assertThatThrownBy(() -> RegistrySetting.parse("https://quay.io/acme", RegistryKind.QUAY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has a path").hasMessageContaining("'namespace'");
    }

    @Test
    void parse_otherScheme_andEmpty_andNotAHost_areRefused() {
        assertThatThrownBy(() -> RegistrySetting.parse("ftp://quay.io", RegistryKind.QUAY))
                .hasMessageContaining("is not an http:// or https:// URL");
        assertThatThrownBy(() -> RegistrySetting.parse(" ", RegistryKind.QUAY)).hasMessageContaining("give the registry");
        assertThatThrownBy(() -> RegistrySetting.parse("quay_io", RegistryKind.QUAY))
                .hasMessageContaining("is not a registry host");
    }
}
