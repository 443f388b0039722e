package io.imagegraph.core.ref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetPlatformTest {

    @Test
    void parse_readsOsArchitectureAndVariant() {
        assertThat(TargetPlatform.parse("linux/arm/v7")).isEqualTo(new TargetPlatform("linux", "arm", Optional.of("v7")));
        assertThat(TargetPlatform.parse(" linux/amd64 ").toString()).isEqualTo("linux/amd64");
        assertThat(TargetPlatform.parse("linux/arm/v7").slug()).isEqualTo("linux-arm-v7");
    }

    @Test
    void parseList_keepsTheOrderAndDropsRepeats() {
        assertThat(TargetPlatform.parseList("linux/amd64,linux/arm64,linux/amd64").stream().map(Object::toString))
                .containsExactly("linux/amd64", "linux/arm64");
    }

    @Test
    void aPlatformWithoutArchitecture_isRefusedSayingTheForm() {
        assertThatThrownBy(() -> TargetPlatform.parse("arm64")).hasMessage("'arm64' is not a platform: expected"
                + " OS/ARCH[/VARIANT], such as linux/amd64 or linux/arm/v7");
        assertThatThrownBy(() -> TargetPlatform.parseAll(List.of("linux/ARM64"))).hasMessageContaining("in lowercase");
        assertThatThrownBy(() -> TargetPlatform.parseList("linux/amd64,")).hasMessageContaining("'' is not a platform");
    }
}
