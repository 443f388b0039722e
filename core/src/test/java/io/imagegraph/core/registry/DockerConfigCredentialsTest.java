package io.imagegraph.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import io.imagegraph.core.ref.RegistryHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigCredentialsTest {

    @TempDir
    Path dir;

    private final ProcessRunner runner = new LocalProcessRunner();

    private DockerConfigCredentials config(String json) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, json);
        return DockerConfigCredentials.read(file, runner);
    }

    private static RegistryHost host(String value) {
        return RegistryHost.parse(value);
    }

    @Test
    void credentialsFor_base64AuthEntry_givesUserAndPassword() throws Exception {
        String auth = Base64.getEncoder().encodeToString("acme+ci:TOKEN:with:colons".getBytes());
        RegistryCredentials credentials = config("{\"auths\":{\"quay.io\":{\"auth\":\"" + auth + "\"}}}")
                .credentialsFor(host("quay.io")).orElseThrow();
        assertThat(credentials.username()).isEqualTo("acme+ci");
        assertThat(credentials.password().reveal()).isEqualTo("TOKEN:with:colons");
    }

    @Test
    void credentialsFor_keyWithSchemeAndPath_matchesTheHost() throws Exception {
        DockerConfigCredentials config = config("{\"auths\":{\"https://registry.example.com/v1/\":"
                + "{\"username\":\"u\",\"password\":\"p\"}}}");
        assertThat(config.credentialsFor(host("registry.example.com"))).isPresent();
        assertThat(config.credentialsFor(host("quay.io"))).isEmpty();
    }

    @Test
    void credentialsFor_dockerHub_matchesTheKeyDockerLoginWrites() throws Exception {
        DockerConfigCredentials config = config("{\"auths\":{\"https://index.docker.io/v1/\":"
                + "{\"username\":\"hubuser\",\"password\":\"p\"}}}");
        assertThat(config.credentialsFor(host("docker.io")).orElseThrow().username()).isEqualTo("hubuser");
    }

    @Test
    void read_missingFile_meansNoCredentials() throws Exception {
        assertThat(DockerConfigCredentials.read(dir.resolve("absent.json"), runner).credentialsFor(host("quay.io")))
                .isEmpty();
    }

    @Test
    void read_notJson_failsNamingTheFile() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{ not json");
        assertThatThrownBy(() -> DockerConfigCredentials.read(file, runner)).isInstanceOf(RegistryException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not a readable docker config.json");
    }

    @Test
    void credentialsFor_authNotBase64_failsNamingTheHost() throws Exception {
        DockerConfigCredentials config = config("{\"auths\":{\"quay.io\":{\"auth\":\"%%%\"}}}");
        assertThatThrownBy(() -> config.credentialsFor(host("quay.io")))
                .hasMessageContaining("read the credentials for quay.io").hasMessageContaining("not base64");
    }

    @Test
    void credentialsFor_identityToken_isRefusedWithAReason() throws Exception {
        DockerConfigCredentials config = config("{\"auths\":{\"quay.io\":{\"identitytoken\":\"xyz\"}}}");
        assertThatThrownBy(() -> config.credentialsFor(host("quay.io"))).hasMessageContaining("identity token")
                .hasMessageNotContaining("xyz");
    }

    @Test
    void credentialsFor_credentialHelper_isAskedWithTheHostOnStandardInput() throws Exception {
        Path helper = dir.resolve("docker-credential-fake");
        Files.writeString(helper, "#!/bin/sh\nread host\nif [ \"$host\" = quay.io ]; then\n"
                + "  echo '{\"ServerURL\":\"quay.io\",\"Username\":\"acme+ci\",\"Secret\":\"from-helper\"}'\n"
                + "else\n  echo 'credentials not found in native keychain'; exit 1\nfi\n");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<List<String>> argvs = new ArrayList<>();
        ProcessRunner inDir = (spec, out, err) -> {
            argvs.add(spec.argv());
            List<String> argv = new ArrayList<>(spec.argv());
            argv.set(0, dir.resolve(argv.get(0)).toString());
            return runner.run(new ProcessSpec(argv, Map.of(), spec.workingDirectory(), spec.stdin()), out, err);
        };
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"credHelpers\":{\"quay.io\":\"fake\"},\"credsStore\":\"fake\"}");
        DockerConfigCredentials config = DockerConfigCredentials.read(file, inDir);
        RegistryCredentials credentials = config.credentialsFor(host("quay.io")).orElseThrow();
        assertThat(credentials.username()).isEqualTo("acme+ci");
        assertThat(credentials.password().reveal()).isEqualTo("from-helper");
        assertThat(config.credentialsFor(host("other.example.com"))).isEmpty();
        assertThat(argvs).allSatisfy(argv -> assertThat(argv).containsExactly("docker-credential-fake", "get"));
    }

    @Test
    void credentialsFor_missingHelperProgram_saysToInstallIt() throws Exception {
        DockerConfigCredentials config = config("{\"credsStore\":\"no-such-helper-here\"}");
        assertThatThrownBy(() -> config.credentialsFor(host("quay.io")))
                .hasMessageContaining("docker-credential-no-such-helper-here").hasMessageContaining("install it");
    }

    @Test
    void defaultLocation_dockerConfigVariable_winsOverHome() {
        assertThat(DockerConfigCredentials.defaultLocation(Map.of("DOCKER_CONFIG", "/etc/ci", "HOME", "/root")))
                .isEqualTo(Path.of("/etc/ci/config.json"));
        assertThat(DockerConfigCredentials.defaultLocation(Map.of("HOME", "/home/ci")))
                .isEqualTo(Path.of("/home/ci/.docker/config.json"));
    }
}
