package io.imagegraph.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegistryKindTest {

    @Test
    void quay_warnsAboutAPersonalLogin_notAboutARobot() {
        assertThat(RegistryKind.QUAY.usernameWarning("acme+ci")).isEmpty();
        assertThat(RegistryKind.QUAY.usernameWarning("alice").orElseThrow()).contains("not a Quay robot account");
    }

    @Test
    void dockerV2_takesAnyLogin() {
        assertThat(RegistryKind.DOCKER_V2.usernameWarning("alice")).isEmpty();
    }

    @Test
    void id_isTheWireName() {
        assertThat(RegistryKind.DOCKER_V2.id()).isEqualTo("docker_v2");
        assertThat(RegistryKind.QUAY).hasToString("quay");
    }
}
