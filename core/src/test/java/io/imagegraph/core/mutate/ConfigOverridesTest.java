package io.imagegraph.core.mutate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigOverridesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode config() throws Exception {
        return (ObjectNode) JSON.readTree("{\"architecture\":\"amd64\",\"config\":{\"Env\":[\"PATH=/bin\","
                + "\"LOG_LEVEL=info\"],\"ExposedPorts\":{\"5000/tcp\":{}},\"Cmd\":[\"serve\"],\"User\":\"app\"},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}");
    }

    @Test
    void env_replacesByNameInPlace_andAppendsNewNames() throws Exception {
        ObjectNode config = config();
        new ConfigOverrides(Map.of("LOG_LEVEL", "debug", "REGION", "eu"), null, null, null, null, null, null)
                .applyTo(config, Map.of());
        assertThat(config.at("/config/Env").toString())
                .isEqualTo("[\"PATH=/bin\",\"LOG_LEVEL=debug\",\"REGION=eu\"]");
    }

    @Test
    void ports_areAddedBesideTheImagesOwn_tcpWhenNoProtocolIsGiven() throws Exception {
        ObjectNode config = config();
        new ConfigOverrides(null, List.of("8443", "53/udp"), null, null, null, null, null).applyTo(config, Map.of());
        assertThat(config.at("/config/ExposedPorts").fieldNames()).toIterable()
                .containsExactly("5000/tcp", "8443/tcp", "53/udp");
    }

    @Test
    void entrypointCmdUserWorkingDir_replaceOnlyWhenGiven() throws Exception {
        ObjectNode config = config();
        new ConfigOverrides(null, null, null, List.of("/bin/sh", "-c"), null, null, "/srv").applyTo(config, Map.of());
        assertThat(config.at("/config/Entrypoint").toString()).isEqualTo("[\"/bin/sh\",\"-c\"]");
        assertThat(config.at("/config/Cmd").toString()).isEqualTo("[\"serve\"]");
        assertThat(config.at("/config/User").asText()).isEqualTo("app");
        assertThat(config.at("/config/WorkingDir").asText()).isEqualTo("/srv");
    }

    @Test
    void labels_andTheBaseLabels_areSet_onAConfigWithoutAConfigObject() throws Exception {
        ObjectNode config = (ObjectNode) JSON.readTree("{\"architecture\":\"arm64\"}");
        new ConfigOverrides(null, null, Map.of("team", "identity"), null, null, null, null)
                .applyTo(config, Map.of(ImageMutator.BASE_DIGEST, "sha256:abc"));
        assertThat(config.at("/config/Labels/team").asText()).isEqualTo("identity");
        assertThat(config.at("/config/Labels").get(ImageMutator.BASE_DIGEST).asText()).isEqualTo("sha256:abc");
    }

    @Test
    void aPortThatIsNotOne_isRefusedWithTheValue() {
        assertThatThrownBy(() -> new ConfigOverrides(null, List.of("http"), null, null, null, null, null))
                .hasMessageContaining("'http' is not a port");
        assertThatThrownBy(() -> new ConfigOverrides(null, List.of("70000"), null, null, null, null, null))
                .hasMessageContaining("'70000' is not a port");
    }

    @Test
    void anEnvironmentVariableWithoutAValue_isRefused_sayingHowToSetItEmpty() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TOKEN", null);
        assertThatThrownBy(() -> new ConfigOverrides(env, null, null, null, null, null, null))
                .hasMessageContaining("env.TOKEN has no value");
    }

    @Test
    void over_theEnvironmentsValuesWinKeyByKey() {
        ConfigOverrides graph = new ConfigOverrides(Map.of("A", "1", "B", "2"), List.of("80"), null, null, null,
                "app", null);
        ConfigOverrides prod = new ConfigOverrides(Map.of("B", "3"), List.of("443"), null, null, null, null, "/srv");
        ConfigOverrides merged = prod.over(graph);
        assertThat(merged.env()).containsEntry("A", "1").containsEntry("B", "3");
        assertThat(merged.ports()).containsExactly("80", "443");
        assertThat(merged.user()).isEqualTo("app");
        assertThat(merged.workingDir()).isEqualTo("/srv");
    }

    @Test
    void summaryAndFields_nameWhatIsOverridden() {
        ConfigOverrides overrides = new ConfigOverrides(Map.of("A", "1"), List.of("80"), null, null, List.of("x"),
                null, null);
        assertThat(overrides.summary()).isEqualTo("env A, ports 80, cmd");
        assertThat(overrides.fields()).containsExactly("env A", "ports", "cmd");
        assertThat(new ConfigOverrides(null, null, null, null, null, null, null).isEmpty()).isTrue();
    }
}
