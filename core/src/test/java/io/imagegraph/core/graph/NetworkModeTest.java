package io.imagegraph.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NetworkModeTest {

    @Test
    void fromId_readsEachMode() {
        assertThat(NetworkMode.fromId("default")).isEqualTo(NetworkMode.DEFAULT);
        assertThat(NetworkMode.fromId("host")).isEqualTo(NetworkMode.HOST);
        assertThat(NetworkMode.fromId("none")).isEqualTo(NetworkMode.NONE);
    }

    @Test
    void graphFile_unknownNetwork_isRefusedWithLineAndChoices() {
        assertThatThrownBy(() -> GraphFileReader.parse("tags: [x]\nnetwork: bridge\n", "imagegraph.yaml"))
                .isInstanceOf(GraphFileException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("'bridge' is not a network; expected one of default, host, none");
    }
}
