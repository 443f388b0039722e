package io.imagegraph.core.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineSocketConnectorTest {

    @TempDir
    Path dir;

    @Test
    void noDockerHost_isTheDefaultSocket() {
        assertThat(EngineSocketConnector.of(Map.of(), "agent a"))
                .hasToString("agent a's Engine at unix:///var/run/docker.sock");
    }

    @Test
    void plainTcp_withoutAPort_isDockersPort() {
        assertThat(EngineSocketConnector.of(Map.of("DOCKER_HOST", "tcp://10.0.0.5"), "agent a"))
                .hasToString("agent a's Engine at tcp://10.0.0.5");
    }

    @Test
    void tcpWithTls_isRefusedSayingWhatToDo() {
        assertThatThrownBy(() -> EngineSocketConnector.of(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2376",
                "DOCKER_TLS_VERIFY", "1"), "agent a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("agent a: DOCKER_HOST=tcp://10.0.0.5:2376 wants TLS (DOCKER_TLS_VERIFY is set), which"
                        + " image-graph cannot forward to; let docker listen on a unix socket on that machine, or"
                        + " configure the Engine as a build host with its client certificates");
    }

    @Test
    void ssh_isRefusedSayingWhatToUse() {
        assertThatThrownBy(() -> EngineSocketConnector.of(Map.of("DOCKER_HOST", "ssh://builder@10.0.0.5"), "agent a"))
                .hasMessage("agent a: DOCKER_HOST=ssh://builder@10.0.0.5 is not an Engine image-graph can reach through"
                        + " the agent; use unix:///PATH or tcp://HOST:PORT on that machine");
    }

    @Test
    void notAUrl_isRefused() {
        assertThatThrownBy(() -> EngineSocketConnector.of(Map.of("DOCKER_HOST", "unix://a b"), "agent a"))
                .hasMessage("agent a: DOCKER_HOST=unix://a b is not a URL");
    }

    @Test
    void anEngineThatIsNotThere_failsToOpen_namingIt() {
        String socket = dir.resolve("none.sock").toString();
        assertThatThrownBy(() -> EngineSocketConnector.of(Map.of("DOCKER_HOST", "unix://" + socket), "agent a")
                .open(new ByteArrayOutputStream()))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageStartingWith("cannot connect to agent a's Engine at unix://" + socket + ": ");
    }

    @Test
    void engineVariables_areWhatNamesTheEngine_only() {
        assertThat(EngineSocketConnector.engineVariables(Map.of("DOCKER_HOST", "tcp://h:2375", "PATH", "/bin",
                "DOCKER_TLS_VERIFY", "1"))).containsOnlyKeys("DOCKER_HOST", "DOCKER_TLS_VERIFY");
        assertThat(EngineSocketConnector.endpoint(Map.of())).isEqualTo("unix:///var/run/docker.sock");
    }
}
