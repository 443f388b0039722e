package io.imagegraph.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.process.CapturedRun;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.testing.LoopbackRegistry;
import io.imagegraph.core.testing.RegistryExtension;
import io.imagegraph.core.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigOverlayTest {

    private static final RegistryHost QUAY = RegistryHost.parse("quay.io");
    private static final RegistryHost OTHER = RegistryHost.parse("registry.example.com");

    @TempDir
    Path dir;
    private final LocalProcessRunner runner = new LocalProcessRunner();

    @Test
    void write_addsTheLogin_keepsOtherLogins_andDropsWhatWouldShadowIt() throws Exception {
        Path base = dir.resolve("base.json");
        Files.writeString(base, """
                {"auths": {"https://quay.io/v1/": {"auth": "b2xkOm9sZA=="},
                           "registry.example.com": {"username": "me", "password": "mine"}},
                 "credHelpers": {"quay.io": "secretservice", "gcr.io": "gcloud"},
                 "credsStore": "desktop",
                 "experimental": "enabled"}
                """);
        try (DockerConfigOverlay overlay = DockerConfigOverlay.write(dir.resolve("tmp"), base,
                Map.of(QUAY, RegistryCredentials.quayRobot("acme+ci", "TOKEN")))) {
            DockerConfigCredentials read = DockerConfigCredentials.read(overlay.configFile(), runner);
            assertThat(read.credentialsFor(QUAY)).contains(RegistryCredentials.of("acme+ci", "TOKEN"));
            assertThat(read.credentialsFor(OTHER)).contains(RegistryCredentials.of("me", "mine"));
            String text = Files.readString(overlay.configFile());
            assertThat(text).doesNotContain("credsStore").doesNotContain("secretservice").doesNotContain("b2xkOm9sZA")
                    .contains("gcloud").contains("experimental");
        }
    }

    @Test
    void write_isReadableByItsOwnerOnly() throws Exception {
        try (DockerConfigOverlay overlay = DockerConfigOverlay.write(dir, dir.resolve("none.json"),
                Map.of(QUAY, RegistryCredentials.of("u", "p")))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(overlay.folder())))
                    .isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(overlay.configFile())))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void close_deletesTheFolderAndWhatDockerWroteThere() throws Exception {
        DockerConfigOverlay overlay = DockerConfigOverlay.write(dir, dir.resolve("none.json"), Map.of());
        Files.createDirectories(overlay.folder().resolve("buildx/instances"));
        Files.writeString(overlay.folder().resolve("buildx/instances/x"), "x");
        overlay.close();
        assertThat(overlay.folder()).doesNotExist();
        overlay.close();
    }

    @Test
    void write_baseNotJson_isRefusedNamingTheFile() throws Exception {
        Path base = dir.resolve("config.json");
        Files.writeString(base, "{not json");
        assertThatThrownBy(() -> DockerConfigOverlay.write(dir, base, Map.of()))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining(base.toString())
                .hasMessageContaining("not a readable docker config.json");
    }

    @Test
    void docker_readsTheLogin_fromTheOverlayFolder() throws Exception {
        try (LoopbackRegistry server = LoopbackRegistry.withHtpasswd("robot", "s3cret-pass")) {
            RegistryHost host = RegistryHost.parse(server.host());
            DistributionRegistry registry = DistributionRegistry.of(RegistryEndpoint.of(host),
                    CredentialResolver.of(host, RegistryCredentials.of("robot", "s3cret-pass")), RegistryExtension.QUICK);
            TestImages.push(registry, "acme/base", "test", "overlay");
            String image = server.host() + "/acme/base:test";
            try (DockerConfigOverlay overlay = DockerConfigOverlay.write(dir, dir.resolve("none.json"),
                    Map.of(host, RegistryCredentials.of("robot", "s3cret-pass")))) {
                assertThat(inspect(image, overlay.folder()).exitCode()).as(inspect(image, overlay.folder()).stderr())
                        .isZero();
            }
            try (DockerConfigOverlay wrong = DockerConfigOverlay.write(dir, dir.resolve("none.json"),
                    Map.of(host, RegistryCredentials.of("robot", "wrong")))) {
                assertThat(inspect(image, wrong.folder()).exitCode()).isNotZero();
            }
        }
    }

    /** docker manifest inspect: the docker client alone, asking the registry with DOCKER_CONFIG's logins. */
    private CapturedRun inspect(String image, Path config) throws Exception {
        return CapturedRun.run(runner, new ProcessSpec(List.of("docker", "manifest", "inspect", "--insecure", image),
                Map.of("DOCKER_CONFIG", config.toString()), Optional.empty(), Optional.empty()));
    }
}
