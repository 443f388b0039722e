package io.imagegraph.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegistryTextTest {

    @Test
    void aHost_aHostWithPort_andAnHttpsUrl_areUsable() {
        assertThat(RegistryText.refusal("quay.io", RegistryKind.QUAY)).isEmpty();
        assertThat(RegistryText.refusal("registry.example.com:5000", RegistryKind.DOCKER_V2)).isEmpty();
        assertThat(RegistryText.refusal("https://quay.io/", RegistryKind.QUAY)).isEmpty();
    }

    @Test
    void aRegistryWithAPath_isRefused_namingTheTextAndWhatToWrite() {
        assertThat(RegistryText.refusal("https://quay.io/acme", RegistryKind.QUAY)).contains("the registry"
                + " 'https://quay.io/acme' cannot be used ('https://quay.io/acme' has a path; give the registry alone"
                + " (such as quay.io): the organization or namespace goes into the graph file's 'namespace');"
                + " write it as host[:port] (quay.io, registry.example.com:5000) or as a URL (https://quay.io,"
                + " http://registry.lan:5000)");
    }

    @Test
    void anotherScheme_isRefused() {
        assertThat(RegistryText.refusal("ftp://quay.io", RegistryKind.QUAY)).hasValueSatisfying(sentence ->
                assertThat(sentence).startsWith("the registry 'ftp://quay.io' cannot be used ('ftp://quay.io' is not an"
                        + " http:// or https:// URL); write it as host[:port]"));
    }

    @Test
    void nothingWritten_isRefused() {
        assertThat(RegistryText.refusal("  ", RegistryKind.QUAY)).hasValueSatisfying(sentence ->
                assertThat(sentence).startsWith("the registry '' cannot be used (give the registry"));
    }

    @Test
    void aHostThatIsNoHostName_isRefused() {
        assertThat(RegistryText.refusal("quay io", RegistryKind.QUAY)).hasValueSatisfying(sentence ->
                assertThat(sentence).startsWith("the registry 'quay io' cannot be used ("));
    }
}
