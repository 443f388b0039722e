package io.imagegraph.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentExecutorsTest {

    private static Map<String, Integer> ordered(Object... nodeAndCount) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < nodeAndCount.length; i += 2) {
            map.put((String) nodeAndCount[i], (Integer) nodeAndCount[i + 1]);
        }
        return map;
    }

    @Test
    void eachOnlineAgentIsAskedForItsExecutors_atMostPerAgent() {
        AgentExecutors executors = AgentExecutors.request("builders", ordered("a", 4, "b", 1, "c", 0), List.of(),
                Optional.of(2));
        assertThat(executors.requested()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2, "b", 1));
    }

    @Test
    void noOnlineAgent_isRefusedNamingTheOfflineOnes() {
        assertThatThrownBy(() -> AgentExecutors.request("builders", Map.of(), List.of("a", "b"), Optional.empty()))
                .hasMessage("no online agent with executors has the label 'builders' (offline: a, b); bring one online,"
                        + " or give agents: a label that online agents have");
        assertThatThrownBy(() -> AgentExecutors.request("nobody", Map.of(), List.of(), Optional.empty()))
                .hasMessageContaining("'nobody' (no agent has it)");
    }

    @Test
    void aPerAgentCapBelowOne_isRefused() {
        assertThatThrownBy(() -> AgentExecutors.request("b", Map.of("a", 2), List.of(), Optional.of(0)))
                .hasMessage("executorsPerAgent must be at least 1, not 0");
    }

    @Test
    void itWaitsForAll_thenStarts() {
        AgentExecutors executors = AgentExecutors.request("b", ordered("a", 2, "b", 1), List.of(), Optional.empty());
        assertThat(executors.decide(ordered("a", 2), Duration.ofSeconds(5))).isEqualTo(AgentExecutors.Decision.WAIT);
        assertThat(executors.decide(ordered("a", 2, "b", 1), Duration.ofSeconds(5)))
                .isEqualTo(AgentExecutors.Decision.START);
    }

    @Test
    void afterItsPatience_itStartsWithWhatIsGranted_butNeverWithNone() {
        AgentExecutors executors = AgentExecutors.request("b", ordered("a", 2, "b", 1), List.of(), Optional.empty());
        assertThat(executors.decide(ordered("a", 1), AgentExecutors.PATIENCE)).isEqualTo(AgentExecutors.Decision.START);
        assertThat(executors.decide(Map.of(), Duration.ofHours(1))).isEqualTo(AgentExecutors.Decision.WAIT);
        assertThat(executors.started(ordered("a", 1, "b", 0))).containsExactly(
                "building on the agents with the label 'b': a (1 executor)",
                "a: 1 of its executors were not free within 60 s; building without them",
                "b: 1 of its executors were not free within 60 s; building without them");
    }

    @Test
    void progress_saysWhatEachAgentHasGranted() {
        AgentExecutors executors = AgentExecutors.request("builders", ordered("a", 2, "b", 1), List.of(),
                Optional.empty());
        assertThat(executors.progress(ordered("a", 2))).isEqualTo("waiting for executors on 'builders': a 2 of 2, b 0 of 1");
    }

    @Test
    void hostName_isTheNodeNameAsABuildHostNameTakesIt() {
        assertThat(AgentExecutors.hostName("")).isEqualTo("built-in");
        assertThat(AgentExecutors.hostName("build agent #2")).isEqualTo("build-agent--2");
        assertThat(AgentExecutors.hostName("_x")).isEqualTo("x");
        assertThat(AgentExecutors.hostName("a".repeat(80))).hasSize(63);
    }

    @Test
    void connected_namesTheEngineAndItsSlots() {
        assertThat(AgentExecutors.connected("build agent", "unix:///run/docker.sock", 2)).isEqualTo(
                "agent build-agent: its Engine unix:///run/docker.sock builds 2 images at a time, reached through the"
                        + " agent's channel");
        assertThat(AgentExecutors.connected("a", "tcp://10.0.0.5:2375", 1)).contains("builds 1 image at a time");
    }
}
