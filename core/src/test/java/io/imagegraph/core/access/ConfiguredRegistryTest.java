package io.imagegraph.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.registry.RegistryKind;
import io.imagegraph.core.registry.RegistrySetting;
import org.junit.jupiter.api.Test;

class ConfiguredRegistryTest {

    private static final RegistrySetting QUAY = RegistrySetting.parse("quay.io", RegistryKind.QUAY);

    @Test
    void global_reachesEveryJob() {
        ConfiguredRegistry registry = ConfiguredRegistry.global(QUAY, null);
        assertThat(registry.reaches("images")).isTrue();
        assertThat(registry.reaches("team-a/images")).isTrue();
        assertThat(registry.credentialsId()).isEmpty();
        assertThat(registry.place()).isEqualTo("the global configuration");
    }

    @Test
    void folder_reachesItsJobsAtAnyDepth_andNoOther() {
        ConfiguredRegistry registry = new ConfiguredRegistry(" team-a ", QUAY, "robot");
        assertThat(registry.reaches("team-a/images")).isTrue();
        assertThat(registry.reaches("team-a/nested/images")).isTrue();
        assertThat(registry.reaches("team-ab/images")).as("a folder whose name starts alike").isFalse();
        assertThat(registry.reaches("team-a")).as("the folder itself is no job in it").isFalse();
        assertThat(registry.reaches("images")).isFalse();
        assertThat(registry.place()).isEqualTo("the folder 'team-a'");
    }
}
