package io.imagegraph.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.ref.RegistryHost;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialResolverTest {

    private static final RegistryHost QUAY = RegistryHost.parse("quay.io");
    private static final RegistryHost GHCR = RegistryHost.parse("ghcr.io");

    @Test
    void ofMap_givesEachRegistryItsOwn_andNoneToOthers() throws Exception {
        CredentialResolver resolver = CredentialResolver.of(Map.of(QUAY, RegistryCredentials.of("a+b", "t")));
        assertThat(resolver.credentialsFor(QUAY)).contains(RegistryCredentials.of("a+b", "t"));
        assertThat(resolver.credentialsFor(GHCR)).isEmpty();
    }

    @Test
    void of_oneRegistry_andAnonymous() throws Exception {
        assertThat(CredentialResolver.of(GHCR, RegistryCredentials.of("u", "p")).credentialsFor(QUAY)).isEmpty();
        assertThat(CredentialResolver.anonymous().credentialsFor(QUAY)).isEmpty();
    }
}
