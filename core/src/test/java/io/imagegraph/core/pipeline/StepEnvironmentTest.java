package io.imagegraph.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.registry.DockerConfigCredentials;
import io.imagegraph.core.registry.RegistryCredentials;
import io.imagegraph.core.run.RunRequestException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepEnvironmentTest {

    @TempDir
    Path dir;

    private StepEnvironment open(Map<String, String> variables, Map<String, RegistryCredentials> logins)
            throws Exception {
        return StepEnvironment.open(new StepEnvironment.Settings(variables, logins, Set.of(), dir.resolve("tmp")),
                new LocalProcessRunner());
    }

    @Test
    void toolEnvironment_withoutLogins_isTheBuildsDockerVariables_asWithDockerServerSetThem() throws Exception {
        try (StepEnvironment environment = open(Map.of("DOCKER_HOST", "tcp://docker:2376", "DOCKER_CONFIG",
                "/tmp/reg-config", "PATH", "/usr/bin", "DOCKER_CERT_PATH", ""), Map.of())) {
            assertThat(environment.toolEnvironment()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "DOCKER_HOST", "tcp://docker:2376", "DOCKER_CONFIG", "/tmp/reg-config"));
        }
    }

    @Test
    void logins_areWrittenOverTheBuildsDockerConfig_forDockerAndTheRegistryClient_andDeletedOnClose() throws Exception {
        Path withRegistry = Files.createDirectories(dir.resolve("with-registry"));
        Files.writeString(withRegistry.resolve("config.json"),
                "{\"auths\":{\"registry.example.com\":{\"username\":\"me\",\"password\":\"mine\"}}}");
        StepEnvironment environment = open(Map.of("DOCKER_CONFIG", withRegistry.toString()),
                Map.of("quay.io", RegistryCredentials.of("acme+ci", "token")));
        Path overlay = Path.of(environment.toolEnvironment().get("DOCKER_CONFIG"));
        assertThat(overlay).isNotEqualTo(withRegistry).startsWith(dir.resolve("tmp"));
        DockerConfigCredentials read = DockerConfigCredentials.read(overlay.resolve("config.json"),
                new LocalProcessRunner());
        assertThat(read.credentialsFor(RegistryHost.parse("quay.io"))).contains(RegistryCredentials.of("acme+ci", "token"));
        assertThat(read.credentialsFor(RegistryHost.parse("registry.example.com")))
                .contains(RegistryCredentials.of("me", "mine"));
        environment.close();
        assertThat(overlay).doesNotExist();
    }

    @Test
    void open_loginForSomethingThatIsNotARegistry_isAWrongRequest() {
        assertThatThrownBy(() -> open(Map.of(), Map.of("https://quay.io/acme", RegistryCredentials.of("u", "p"))))
                .isInstanceOf(RunRequestException.class).hasMessageContaining("is not a registry host");
    }

    @Test
    void state_isTheSharedFolderTheBuildNames_elseTheGraphs() throws Exception {
        try (StepEnvironment shared = open(Map.of("IMAGEGRAPH_STATE", dir.resolve("shared").toString()), Map.of());
             StepEnvironment own = open(Map.of(), Map.of())) {
            assertThat(shared.state(dir.resolve("graph")).folder()).isEqualTo(dir.resolve("shared"));
            assertThat(own.state(dir.resolve("graph")).folder()).isEqualTo(dir.resolve("graph/.imagegraph"));
        }
    }
}
