package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildHostTest {

    @Test
    void parse_nameUrlSlotsAndTls() {
        BuildHost host = BuildHost.parse("a=tcp://10.0.0.5:2376,slots=4,tls=/etc/imagegraph/a", 2);
        assertThat(host.name()).isEqualTo("a");
        assertThat(host.url().toString()).isEqualTo("tcp://10.0.0.5:2376");
        assertThat(host.slots()).isEqualTo(4);
        assertThat(host.tls()).contains(Path.of("/etc/imagegraph/a"));
    }

    @Test
    void parse_withoutSlots_takesTheDefault() {
        assertThat(BuildHost.parse("b=ssh://builder@b.example", 3).slots()).isEqualTo(3);
    }

    @Test
    void environment_namesTheEngineAndTheTlsFolder_neverTheKeysThemselves() {
        assertThat(BuildHost.parse("a=tcp://h:2376,tls=/certs/a", 1).environment()).isEqualTo(Map.of(
                "DOCKER_HOST", "tcp://h:2376", "DOCKER_CERT_PATH", "/certs/a", "DOCKER_TLS_VERIFY", "1"));
        assertThat(BuildHost.parse("u=unix:///run/docker.sock", 1).environment())
                .isEqualTo(Map.of("DOCKER_HOST", "unix:///run/docker.sock"));
    }

    @Test
    void parse_anHttpUrl_isRefusedWithTheSchemesThatWork() {
        assertThatThrownBy(() -> BuildHost.parse("a=http://h:2375", 1))
                .hasMessageContaining("build host a: http://h:2375 is not a Docker Engine endpoint");
    }

    @Test
    void parse_tlsOnAUnixSocket_isRefused() {
        assertThatThrownBy(() -> BuildHost.parse("a=unix:///s.sock,tls=/x", 1))
                .hasMessageContaining("tls= applies to a tcp:// Engine");
    }

    @Test
    void parse_platforms_areWhatTheHostBuildsFor_andABadOneSaysWhich() {
        BuildHost host = BuildHost.parse("arm=ssh://ci@arm1,slots=2,platforms=linux/arm64+linux/arm/v7", 1);
        assertThat(host.platforms()).containsExactly(io.imagegraph.core.ref.TargetPlatform.parse("linux/arm64"),
                io.imagegraph.core.ref.TargetPlatform.parse("linux/arm/v7"));
        assertThat(host).hasToString("arm=ssh://ci@arm1,slots=2,platforms=linux/arm64+linux/arm/v7");
        assertThat(BuildHost.parse("a=tcp://h:1", 1).platforms()).isEmpty();
        assertThatThrownBy(() -> BuildHost.parse("a=tcp://h:1,platforms=arm64", 1))
                .hasMessageStartingWith("build host a: platforms=arm64: 'arm64' is not a platform");
    }

    @Test
    void parse_unknownOptionOrBadSlots_sayWhat() {
        assertThatThrownBy(() -> BuildHost.parse("a=tcp://h:1,cpus=2", 1)).hasMessageContaining("'cpus=2' is not slots=N, tls=DIR or platforms=OS/ARCH[+OS/ARCH...]");
        assertThatThrownBy(() -> BuildHost.parse("a=tcp://h:1,slots=many", 1)).hasMessageContaining("slots=many is not a number");
        assertThatThrownBy(() -> BuildHost.parse("a=tcp://h:1,slots=0", 1)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> BuildHost.parse("tcp://h:1", 1)).hasMessageContaining("is not NAME=URL");
    }

    @Test
    void hostsGivenTwice_areRefused() {
        assertThatThrownBy(() -> BuildHosts.connect(java.util.List.of(BuildHost.parse("a=tcp://h:1", 1),
                BuildHost.parse("a=tcp://g:1", 1)), null, "docker", Map.of(), env -> null))
                .hasMessageContaining("the build host name a is given twice");
    }

    @Test
    void chosen_commandLineOverTheGraphFile() {
        assertThat(BuildHosts.chosen(java.util.List.of("x=tcp://x:1"), Map.of("g", "tcp://g:1"), 2))
                .extracting(BuildHost::name).containsExactly("x");
        assertThat(BuildHosts.chosen(java.util.List.of(), Map.of("g", "tcp://g:1,slots=5"), 2))
                .singleElement().satisfies(host -> assertThat(host.slots()).isEqualTo(5));
        assertThat(BuildHost.parse("a=tcp://h:1", 1).tls()).isEqualTo(Optional.empty());
    }
}
