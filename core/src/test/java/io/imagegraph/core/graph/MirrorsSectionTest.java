package io.imagegraph.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MirrorsSectionTest {

    @Test
    void buildArgs_areTheOnesKollaAndLociTake() {
        MirrorsSection mirrors = new MirrorsSection("http://127.0.0.1:8080/debian", "http://127.0.0.1:8081/simple",
                "http://proxy:3128", "localhost,127.0.0.1");
        assertThat(mirrors.buildArgs()).containsEntry("APT_MIRROR", "http://127.0.0.1:8080/debian")
                .containsEntry("PIP_INDEX_URL", "http://127.0.0.1:8081/simple")
                .containsEntry("PIP_TRUSTED_HOST", "127.0.0.1")
                .containsEntry("http_proxy", "http://proxy:3128").containsEntry("https_proxy", "http://proxy:3128")
                .containsEntry("HTTP_PROXY", "http://proxy:3128").containsEntry("HTTPS_PROXY", "http://proxy:3128")
                .containsEntry("no_proxy", "localhost,127.0.0.1").containsEntry("NO_PROXY", "localhost,127.0.0.1");
    }

    @Test
    void httpsPipIndex_needsNoTrustedHost() {
        assertThat(new MirrorsSection(null, "https://pypi.example/simple", null, null).buildArgs())
                .containsOnlyKeys("PIP_INDEX_URL");
    }

    @Test
    void none_givesNoBuildArgs() {
        assertThat(MirrorsSection.none().buildArgs()).isEmpty();
    }

    @Test
    void graphFile_mirrorThatIsNotAUrl_isRefusedNamingTheKey() {
        assertThatThrownBy(() -> GraphFileReader.parse("mirrors:\n  apt: deb.debian.org\n", "imagegraph.yaml"))
                .isInstanceOf(GraphFileException.class)
                .hasMessageContaining("mirrors.apt must be an http:// or https:// URL, not 'deb.debian.org'");
    }

    @Test
    void graphFile_unknownMirrorKey_listsTheKnownOnes() {
        assertThatThrownBy(() -> GraphFileReader.parse("mirrors:\n  yum: http://m/\n", "imagegraph.yaml"))
                .isInstanceOf(GraphFileException.class)
                .hasMessageContaining("unknown key 'yum' in 'mirrors'; expected one of: apt, noProxy, pip, proxy");
    }
}
