package io.imagegraph.core.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelmValuesLintTest {

    @Test
    void lint_reportsEveryUnpinnedOrLatestImageTag_withItsLine() throws Exception {
        List<HelmValuesLint.Finding> findings = HelmValuesLint.lint(HelmValuesTest.resource("keystone-values.yaml"));
        assertThat(findings).extracting(HelmValuesLint.Finding::key).containsExactly("images.tags.bootstrap",
                "images.tags.db_init", "images.tags.keystone_db_sync", "images.tags.dep_check",
                "images.tags.image_repo_sync");
        assertThat(findings.get(0).line()).isEqualTo(6);
        assertThat(findings.get(2).problem()).startsWith("uses latest");
        assertThat(findings.get(4).problem()).as("no tag at all is latest").startsWith("uses latest");
        assertThat(findings.get(3).problem()).as("latest-ubuntu_focal is a tag like any other")
                .startsWith("is not pinned by digest");
    }

    @Test
    void lint_pinnedValues_findNothing(@TempDir Path dir) throws Exception {
        Path values = Files.writeString(dir.resolve("values.yaml"), "images:\n  tags:\n    api: \"quay.io/a/b@sha256:"
                + "a".repeat(64) + "\"\n");
        assertThat(HelmValuesLint.lint(values)).isEmpty();
    }

    @Test
    void lint_notYaml_namesTheFileAndLine(@TempDir Path dir) throws Exception {
        Path values = Files.writeString(dir.resolve("values.yaml"), "images:\n  tags: [unclosed\n");
        assertThatThrownBy(() -> HelmValuesLint.lint(values)).hasMessageContaining("values.yaml line")
                .hasMessageContaining("is not YAML");
    }
}
