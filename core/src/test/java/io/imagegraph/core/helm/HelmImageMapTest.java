package io.imagegraph.core.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelmImageMapTest {

    @Test
    void read_mapsComponentsToImages() throws Exception {
        HelmImageMap map = HelmImageMap.read(HelmValuesTest.resource("keystone-map.yaml"));
        assertThat(map.pullPolicy()).isEqualTo("IfNotPresent");
        assertThat(map.components()).containsEntry("bootstrap", "heat").hasSize(4);
    }

    @Test
    void read_unknownKey_namesItAndItsLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("map.yaml"), "components:\n  a: b\npull_policy: Always\n");
        assertThatThrownBy(() -> HelmImageMap.read(file)).hasMessageContaining("line 3: unknown key 'pull_policy'");
    }

    @Test
    void read_badPullPolicy_listsTheGoodOnes(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("map.yaml"), "pullPolicy: Sometimes\ncomponents:\n  a: b\n");
        assertThatThrownBy(() -> HelmImageMap.read(file))
                .hasMessageContaining("pullPolicy 'Sometimes' is not one of Always, IfNotPresent, Never");
    }

    @Test
    void read_noComponents_isRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("map.yaml"), "pullPolicy: Always\n");
        assertThatThrownBy(() -> HelmImageMap.read(file)).hasMessageContaining("'components' must map at least one");
    }
}
