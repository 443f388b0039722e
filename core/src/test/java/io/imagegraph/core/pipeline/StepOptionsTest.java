package io.imagegraph.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.graph.BuilderKind;
import io.imagegraph.core.graph.LoadOptions;
import io.imagegraph.core.run.RunRequestException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StepOptionsTest {

    @Test
    void root_isTheDirUnderTheWorkspace_orTheWorkspace() {
        Path workspace = Path.of("/ws/job");
        assertThat(StepOptions.root(workspace, "")).isEqualTo(workspace);
        assertThat(StepOptions.root(workspace, null)).isEqualTo(workspace);
        assertThat(StepOptions.root(workspace, " images/../graph ")).isEqualTo(Path.of("/ws/job/graph"));
    }

    @Test
    void load_blankValues_areTheDefaults() throws Exception {
        LoadOptions options = StepOptions.load("", null, " ", Optional.empty());
        assertThat(options.graphFile()).isEmpty();
        assertThat(options.builder()).isEqualTo(BuilderKind.DOCKER);
        assertThat(options.platform()).isEqualTo(LoadOptions.DEFAULT_PLATFORM);
    }

    @Test
    void load_givenValues_andLociDefaults_areUsed() throws Exception {
        LoadOptions options = StepOptions.load("ci/graph.yaml", "buildah", "linux/arm64",
                StepOptions.loci("loci", "", "base", "requirements"));
        assertThat(options.graphFile()).contains(Path.of("ci/graph.yaml"));
        assertThat(options.builder()).isEqualTo(BuilderKind.BUILDAH);
        assertThat(options.platform()).isEqualTo("linux/arm64");
        assertThat(options.loci().orElseThrow().wheels()).isEqualTo("requirements");
    }

    @Test
    void load_unknownOrLociBuilder_isRefusedNamingTheParameter() {
        assertThatThrownBy(() -> StepOptions.load("", "podman", "", Optional.empty()))
                .isInstanceOf(RunRequestException.class).hasMessageStartingWith("builder: 'podman' is not a builder");
        assertThatThrownBy(() -> StepOptions.load("", "loci", "", Optional.empty()))
                .isInstanceOf(RunRequestException.class).hasMessageContaining("docker or buildah, not loci");
    }

    @Test
    void loci_noContext_isNone_andAGitUrlWithoutCommit_isRefused() throws Exception {
        assertThat(StepOptions.loci(" ", "x", "base", "")).isEmpty();
        assertThatThrownBy(() -> StepOptions.loci("https://opendev.org/openstack/loci.git", "master", "", ""))
                .isInstanceOf(RunRequestException.class).hasMessageContaining("the configured LOCI settings: ")
                .hasMessageContaining("40-character SHA");
    }

    @Test
    void selection_andSlots() throws Exception {
        assertThat(StepOptions.selection(List.of("app"), List.of("core"), List.of("^nova-"), List.of("x"), true, false,
                "").platform()).isEmpty();
        assertThat(StepOptions.slots(3)).isEqualTo(3);
        assertThat(StepOptions.slots(0)).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThatThrownBy(() -> StepOptions.slots(-1)).isInstanceOf(RunRequestException.class);
        assertThat(StepOptions.optional("  ")).isEmpty();
        assertThat(StepOptions.optional(" quay.io ")).contains("quay.io");
    }

    @Test
    void loginRegistry_isTheStepsRegistry_whichCredentialsNeed() throws Exception {
        assertThat(StepOptions.loginRegistry("https://quay.io/", "quay-robot")).isEqualTo("quay.io");
        assertThatThrownBy(() -> StepOptions.loginRegistry(" ", "quay-robot"))
                .isInstanceOf(RunRequestException.class).hasMessageStartingWith("credentialsId 'quay-robot' needs registry");
        assertThatThrownBy(() -> StepOptions.loginRegistry("quay.io/acme", "quay-robot"))
                .isInstanceOf(RunRequestException.class).hasMessageStartingWith("registry: ");
    }

    @Test
    void words_areSeparatedBySpacesOrCommas() {
        assertThat(StepOptions.words(" test, nightly  pr-1 ")).containsExactly("test", "nightly", "pr-1");
        assertThat(StepOptions.words(null)).isEmpty();
    }
}
