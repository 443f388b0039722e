package io.imagegraph.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.graph.BuildSecret;
import io.imagegraph.core.graph.GraphLoader;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.graph.LoadOptions;
import io.imagegraph.core.run.RunRequestException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepSecretsTest {

    @TempDir
    Path dir;

    private static StepSecrets.Value text(String id, String value) {
        return new StepSecrets.Value(id, false, value.getBytes(StandardCharsets.UTF_8));
    }

    private static StepSecrets.Value file(String id, String value) {
        return new StepSecrets.Value(id, true, value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void secretText_becomesAVariableOfTheBuilder_namedInItsSource_notItsValue() throws Exception {
        try (StepSecrets secrets = StepSecrets.open(List.of(text("pip_conf", "index-url = s3cr3t")), dir)) {
            assertThat(secrets.environment()).containsExactly(java.util.Map.entry("IMAGEGRAPH_SECRET_1",
                    "index-url = s3cr3t"));
            BuildSecret source = secrets.sources().sourceOf(new BuildSecret("pip_conf", "PIP_CONF", null));
            assertThat(source).isEqualTo(new BuildSecret("pip_conf", "IMAGEGRAPH_SECRET_1", null));
        }
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void secretFile_isWrittenReadableOnlyByItsOwner_andDeletedOnClose() throws Exception {
        Path written;
        try (StepSecrets secrets = StepSecrets.open(List.of(file("netrc", "machine x password s3cr3t")), dir)) {
            BuildSecret source = secrets.sources().sourceOf(new BuildSecret("netrc", "NETRC", null));
            assertThat(source.env()).isNull();
            written = Path.of(source.file());
            assertThat(written).isAbsolute().hasContent("machine x password s3cr3t");
            assertThat(Files.getPosixFilePermissions(written)).containsExactlyInAnyOrder(
                    PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(Files.getPosixFilePermissions(written.getParent())).doesNotContain(
                    PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ,
                    PosixFilePermission.OTHERS_EXECUTE);
            assertThat(secrets.environment()).isEmpty();
        }
        assertThat(written).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aSecretTheStepDoesNotGive_keepsTheGraphFilesSource() throws Exception {
        try (StepSecrets secrets = StepSecrets.open(List.of(text("pip_conf", "x")), dir)) {
            BuildSecret other = new BuildSecret("netrc", null, "/home/ci/.netrc");
            assertThat(secrets.sources().sourceOf(other)).isSameAs(other);
        }
    }

    @Test
    void theSameIdTwice_isRefusedNamingIt() {
        assertThatThrownBy(() -> StepSecrets.open(List.of(text("pip_conf", "a"), file("pip_conf", "b")), dir))
                .isInstanceOf(RunRequestException.class)
                .hasMessage("secrets: the id 'pip_conf' is given twice; give each secret id one credentialsId");
    }

    @Test
    void anIdThatIsNotASecretId_isRefused() {
        assertThatThrownBy(() -> text("pip conf", "a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'pip conf'");
    }

    @Test
    void theValue_isInNoStringOfTheValue() {
        assertThat(text("pip_conf", "s3cr3t").toString()).isEqualTo("secret pip_conf (text)").doesNotContain("s3cr3t");
    }

    @Test
    void aSecretNoImageDeclares_isRefused_namingWhatTheGraphDeclares() throws Exception {
        Files.createDirectories(dir.resolve("graph/images/app"));
        Files.writeString(dir.resolve("graph/images/app/Dockerfile"), "FROM scratch\n");
        Files.writeString(dir.resolve("graph/imagegraph.yaml"),
                "images:\n  app:\n    secrets:\n      - {id: netrc, env: NETRC}\n");
        ImageGraph graph = GraphLoader.load(dir.resolve("graph"), LoadOptions.defaults()).graph().orElseThrow();
        try (StepSecrets secrets = StepSecrets.open(List.of(text("pip_conf", "x"), text("netrc", "y")),
                dir.resolve("tmp"))) {
            assertThatThrownBy(() -> secrets.requireDeclared(graph)).isInstanceOf(RunRequestException.class)
                    .hasMessage("secrets: no image of imagegraph.yaml declares the secret 'pip_conf'; name it in the"
                            + " 'secrets' of the image whose Dockerfile mounts it ({id: pip_conf, env: PIP_CONF})"
                            + " (declared: netrc)");
        }
        try (StepSecrets secrets = StepSecrets.open(List.of(text("netrc", "y")), dir.resolve("tmp"))) {
            secrets.requireDeclared(graph);
        }
    }
}
