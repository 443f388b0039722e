package io.imagegraph.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BuildSecretTest {

    @Test
    void secretWithNeitherEnvNorFile_isRefused() {
        assertThatThrownBy(() -> GraphFileReader.parse("images:\n  app:\n    secrets: [{id: pip_conf}]\n", "imagegraph.yaml"))
                .isInstanceOf(GraphFileException.class)
                .hasMessageContaining("secret 'pip_conf' needs exactly one of 'env' (an environment variable) or 'file'");
    }

    @Test
    void secretWithBothEnvAndFile_isRefused() {
        assertThatThrownBy(() -> new BuildSecret("a", "A", "a.txt")).hasMessageContaining("exactly one of");
    }

    @Test
    void secretWithoutAnId_isRefused() {
        assertThatThrownBy(() -> GraphFileReader.parse("images:\n  app:\n    secrets: [{env: X}]\n", "imagegraph.yaml"))
                .isInstanceOf(GraphFileException.class).hasMessageContaining("a secret needs an 'id'");
    }

    @Test
    void secretWithABadVariableName_isRefused() {
        assertThatThrownBy(() -> new BuildSecret("a", "NOT-A-VAR", null)).hasMessageContaining("is not an environment"
                + " variable name");
    }

    @Test
    void file_isResolvedAgainstTheGraphRoot_unlessAbsolute() {
        assertThat(new BuildSecret("a", null, "s/a").file(Path.of("/root"))).contains(Path.of("/root/s/a"));
        assertThat(new BuildSecret("a", null, "/etc/a").file(Path.of("/root"))).contains(Path.of("/etc/a"));
        assertThat(new BuildSecret("a", "A", null).file(Path.of("/root"))).isEmpty();
    }
}
