package io.imagegraph.core.mutate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.graph.GraphFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentMutationsTest {

    @TempDir
    Path dir;

    private static final Map<String, Mutation> GRAPH = Mutation.of(Map.of("keystone", new MutationEntry(
            "quay.io/openstack/keystone:2024.2", null, Map.of("LOG_LEVEL", "info", "REGION", "eu"), null, null, null,
            null, "keystone", null)));

    @Test
    void anEntryOfTheSameName_keepsFromAndTo_andItsOverridesWinKeyByKey() throws Exception {
        Path file = dir.resolve("prod.yaml");
        Files.writeString(file, "mutations:\n  keystone:\n    env: {LOG_LEVEL: warning}\n"
                + "  glance:\n    from: quay.io/openstack/glance:2024.2\n    user: glance\n");
        Map<String, Mutation> merged = EnvironmentMutations.over(GRAPH, file);
        Mutation keystone = merged.get("keystone");
        assertThat(keystone.to()).isEqualTo(GRAPH.get("keystone").to());
        assertThat(keystone.overrides().env()).containsEntry("LOG_LEVEL", "warning").containsEntry("REGION", "eu");
        assertThat(keystone.overrides().user()).isEqualTo("keystone");
        assertThat(merged.get("glance").to().toString()).isEqualTo("quay.io/openstack/glance:2024.2-glance");
    }

    @Test
    void aFileWithOtherSettings_isRefused_namingTheFile() throws Exception {
        Path file = dir.resolve("prod.yaml");
        Files.writeString(file, "registry: quay.io\nmutations: {}\n");
        assertThatThrownBy(() -> EnvironmentMutations.over(GRAPH, file)).isInstanceOf(GraphFileException.class)
                .hasMessageContaining("prod.yaml").hasMessageContaining("holds only a 'mutations' section");
    }

    @Test
    void aBadPort_isReportedWithItsLine() throws Exception {
        Path file = dir.resolve("prod.yaml");
        Files.writeString(file, "mutations:\n  keystone:\n    ports: [http]\n");
        assertThatThrownBy(() -> EnvironmentMutations.over(GRAPH, file)).isInstanceOf(GraphFileException.class)
                .hasMessageContaining("prod.yaml").hasMessageContaining("line 2").hasMessageContaining("'http' is not a port");
    }

    @Test
    void aNewNameWithoutFrom_isRefused() throws Exception {
        Path file = dir.resolve("prod.yaml");
        Files.writeString(file, "mutations:\n  nova:\n    user: nova\n");
        assertThatThrownBy(() -> EnvironmentMutations.over(GRAPH, file)).isInstanceOf(GraphFileException.class)
                .hasMessageContaining("mutation nova has no 'from'");
    }
}
