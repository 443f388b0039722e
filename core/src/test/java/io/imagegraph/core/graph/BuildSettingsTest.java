package io.imagegraph.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.testing.GraphFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Build settings as a loaded graph gives them to each image. */
class BuildSettingsTest {

    @TempDir
    Path dir;

    @Test
    void imageNetwork_overridesTheGraphFiles_andMirrorsReachEveryImage() {
        ImageGraph graph = new GraphFixture(dir)
                .graphFile("network: host\nmirrors: {apt: 'http://127.0.0.1:8080/debian'}\n"
                        + "images:\n  offline:\n    network: none\n"
                        + "    secrets: [{id: pip_conf, env: PIP_CONF}, {id: netrc, file: secrets/netrc}]\n")
                .image("offline", "FROM scratch\n").image("online", "FROM scratch\n").graph();
        BuildSettings offline = graph.node("offline").spec().build();
        BuildSettings online = graph.node("online").spec().build();
        assertThat(offline.network()).isEqualTo(NetworkMode.NONE);
        assertThat(online.network()).isEqualTo(NetworkMode.HOST);
        assertThat(offline.secrets()).containsExactly(new BuildSecret("pip_conf", "PIP_CONF", null),
                new BuildSecret("netrc", null, "secrets/netrc"));
        assertThat(online.secrets()).isEmpty();
        assertThat(offline.mirrorArgs()).containsEntry("APT_MIRROR", "http://127.0.0.1:8080/debian");
        assertThat(online.mirrorArgs()).containsEntry("APT_MIRROR", "http://127.0.0.1:8080/debian");
    }

    @Test
    void freshness_reachesEveryImage_andABadOneIsRefusedWithTheKey() throws Exception {
        ImageGraph graph = new GraphFixture(dir).graphFile("freshness: 24h\n").image("app", "FROM scratch\n").graph();
        assertThat(graph.node("app").spec().build().freshness()).contains(java.time.Duration.ofHours(24));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GraphFileReader.parse("freshness: daily\n", "imagegraph.yaml"))
                .isInstanceOf(GraphFileException.class)
                .hasMessageContaining("freshness is a duration such as 24h, 2d or PT12H, not 'daily'");
    }

    @Test
    void withoutSettings_theBuildersDefaultNetworkNoSecretsNoMirrors() {
        ImageGraph graph = new GraphFixture(dir).image("app", "FROM scratch\n").graph();
        assertThat(graph.node("app").spec().build()).isEqualTo(BuildSettings.defaults());
        assertThat(BuildSettings.defaults().network()).isEqualTo(NetworkMode.DEFAULT);
    }

    @Test
    void withNetwork_replacesOnlyTheNetwork() {
        BuildSettings settings = new BuildSettings(NetworkMode.NONE, List.of(new BuildSecret("a", "A", null)),
                new java.util.TreeMap<>(java.util.Map.of("APT_MIRROR", "http://m/")));
        assertThat(settings.withNetwork(NetworkMode.HOST)).isEqualTo(new BuildSettings(NetworkMode.HOST,
                settings.secrets(), settings.mirrorArgs()));
    }
}
