package io.imagegraph.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.registry.RegistryKind;
import io.imagegraph.core.registry.RegistrySetting;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryScopeTest {

    private static ConfiguredRegistry on(String folder, String host, String credentials) {
        return new ConfiguredRegistry(folder, RegistrySetting.parse(host, RegistryKind.DOCKER_V2), credentials);
    }

    private static final List<ConfiguredRegistry> CONFIGURED = List.of(
            on("", "quay.io", "admin-robot"),
            on("team-a", "registry.a.example", "a-robot"),
            on("team-b", "registry.b.example", "b-robot"),
            on("team-a/web", "quay.io", "web-robot"));

    @Test
    void visible_globalAndEnclosingFolders_nearestFolderWinsForAHost() {
        RegistryScope scope = RegistryScope.of("team-a/web/site", CONFIGURED);
        assertThat(scope.visible()).extracting(ConfiguredRegistry::credentialsId)
                .containsExactly("web-robot", "a-robot");
    }

    @Test
    void visible_jobOutsideEveryFolder_seesTheGlobalOnes() {
        assertThat(RegistryScope.of("images", CONFIGURED).visible()).extracting(ConfiguredRegistry::credentialsId)
                .containsExactly("admin-robot");
    }

    @Test
    void allows_anotherFoldersRegistry_isRefused_withASentenceNamingRegistryAndFolder() {
        RegistryScope scope = RegistryScope.of("team-a/images", CONFIGURED);
        assertThat(scope.allows("registry.b.example")).isFalse();
        assertThat(scope.allows("registry.a.example")).isTrue();
        assertThat(scope.allows("quay.io")).isTrue();
        assertThat(scope.allows("127.0.0.1:5000")).as("configured nowhere: open, as before folders").isTrue();
        assertThat(scope.refusals()).containsOnlyKeys("registry.b.example");
        assertThat(scope.refusals().get("registry.b.example")).isEqualTo("the registry registry.b.example is"
                + " configured on the folder 'team-b', and the job 'team-a/images' is not in it: use a registry"
                + " configured on the job's folders or globally, or move the job into the folder 'team-b'");
    }

    @Test
    void refusals_aHostOnSeveralForeignFolders_namesThemAll() {
        RegistryScope scope = RegistryScope.of("images", List.of(on("x", "r.example", ""), on("y", "r.example", "")));
        assertThat(scope.refusals().get("r.example")).contains("the folders 'x', 'y'").contains("any of them");
    }

    @Test
    void refusals_aHostAlsoConfiguredGlobally_isOpen() {
        RegistryScope scope = RegistryScope.of("images", List.of(on("x", "r.example", ""), on("", "r.example", "")));
        assertThat(scope.refusals()).isEmpty();
    }

    @Test
    void allowedWatches_dropsTheWatchesOfAnotherFoldersRegistry() {
        RegistryScope scope = RegistryScope.of("team-a/images", CONFIGURED);
        assertThat(scope.allowedWatches(List.of("registry.b.example/base:1", "registry.a.example/base:1",
                "docker.io/library/debian:12"))).containsExactly("registry.a.example/base:1",
                "docker.io/library/debian:12");
    }

    @Test
    void unconfirmed_saysWhatToConfigureAndWhere() {
        RegistryScope scope = RegistryScope.of("team-a/images", CONFIGURED);
        assertThat(scope.unconfirmed("registry.a.example", "401")).isEqualTo("401; the registry registry.a.example"
                + " is configured in the folder 'team-a' with the credentials 'a-robot': check that they can read the"
                + " pushed repository");
        assertThat(scope.unconfirmed("127.0.0.1:5000", "401")).isEqualTo("401; configure the registry"
                + " 127.0.0.1:5000, with credentials that can read the pushed repository, on a folder of"
                + " team-a/images or in the global configuration");
    }
}
