package io.imagegraph.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegistryCredentialsTest {

    @Test
    void toString_neverShowsThePassword() {
        RegistryCredentials credentials = RegistryCredentials.of("acme+ci", "ABCDEF123");
        assertThat(credentials.toString()).contains("acme+ci").doesNotContain("ABCDEF123");
    }

    @Test
    void quayRobot_organisationPlusName_isAccepted() {
        assertThat(RegistryCredentials.quayRobot("acme+ci", "token").username()).isEqualTo("acme+ci");
    }

    @Test
    void quayRobot_nameWithoutPlus_isRefusedWithTheForm() {
        assertThatThrownBy(() -> RegistryCredentials.quayRobot("acme", "token"))
                .hasMessage("'acme' is not a Quay robot account name: write it as organisation+robot, as Quay shows"
                        + " it on the robot's page");
        assertThatThrownBy(() -> RegistryCredentials.quayRobot("acme+", "token")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void basicHeader_isBase64OfUserColonPassword() {
        assertThat(RegistryCredentials.of("u", "p").basicHeader()).isEqualTo("Basic dTpw");
    }

    @Test
    void constructor_blankUser_isRefused() {
        assertThatThrownBy(() -> RegistryCredentials.of(" ", "p")).isInstanceOf(IllegalArgumentException.class);
    }
}
