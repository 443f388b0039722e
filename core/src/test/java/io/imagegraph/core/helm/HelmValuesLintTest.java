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
    void lint_aliasUnderImages_isReadAsItsAnchorsValue(@TempDir Path dir) throws Exception {
        Path values = Files.writeString(dir.resolve("values.yaml"), """
                common: &img quay.io/acme/heat:2024.1
                pinned: &pinned "quay.io/acme/heat@sha256:%s"
                defaults: &defaults
                  dep_check: quay.io/acme/entrypoint:latest
                images:
                  tags:
                    <<: *defaults
                    a: *pinned
                    b: *img
                """.formatted("a".repeat(64)));
        List<HelmValuesLint.Finding> findings = HelmValuesLint.lint(values);
        assertThat(findings).extracting(HelmValuesLint.Finding::key, HelmValuesLint.Finding::line,
                HelmValuesLint.Finding::reference).containsExactly(
                org.assertj.core.groups.Tuple.tuple("images.tags.b", 9, "quay.io/acme/heat:2024.1"),
                org.assertj.core.groups.Tuple.tuple("images.tags.dep_check", 4, "quay.io/acme/entrypoint:latest"));
    }

    @Test
    void lint_referenceWithoutARegistry_isAFindingEvenWhenPinned(@TempDir Path dir) throws Exception {
        Path values = Files.writeString(dir.resolve("values.yaml"), "images:\n  tags:\n"
                + "    ldap: symas/openldap:2.6.8-debian-12\n    mc: \"memcached@sha256:" + "b".repeat(64) + "\"\n");
        List<HelmValuesLint.Finding> findings = HelmValuesLint.lint(values);
        assertThat(findings).hasSize(3);
        assertThat(findings.get(0).problem()).startsWith("is not fully qualified")
                .contains("docker.io/symas/openldap:2.6.8-debian-12");
        assertThat(findings.get(1).problem()).startsWith("is not pinned by digest");
        assertThat(findings.get(2).key()).isEqualTo("images.tags.mc");
        assertThat(findings.get(2).problem()).contains("docker.io/library/memcached@sha256:");
    }

    @Test
    void lint_placeholderThatBreaksTheYaml_isAClearErrorForThatFile(@TempDir Path dir) throws Exception {
        Path values = Files.writeString(dir.resolve("values.yaml"), "conf:\n  api: %%%REPLACE_API_ADDR%%%\n");
        assertThatThrownBy(() -> HelmValuesLint.lint(values)).hasMessage(values + " line 2 holds the placeholder"
                + " %%%REPLACE_API_ADDR%%%, which a deployment script replaces before the values are used, so this"
                + " file is a template and not YAML yet; lint the values the script writes, or put the placeholder in"
                + " quotes");
    }

    @Test
    void lint_severalFilesSomeUnreadable_reportsEachAndLintsTheRest(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "a: [\n");
        Path template = Files.writeString(dir.resolve("t.yaml"), "x: %%%HOST%%%\n");
        HelmValuesLint.Report report = HelmValuesLint.lint(List.of(bad, HelmValuesTest.resource("keystone-values.yaml"),
                template, dir.resolve("missing.yaml")));
        assertThat(report.findings()).hasSize(5);
        assertThat(report.unreadable()).satisfiesExactly(
                p -> assertThat(p).startsWith(bad + " line 2 is not YAML"),
                p -> assertThat(p).startsWith(template + " line 1 holds the placeholder %%%HOST%%%"),
                p -> assertThat(p).isEqualTo("the values file " + dir.resolve("missing.yaml") + " does not exist"));
    }

    @Test
    void lint_notYaml_namesTheFileAndLine(@TempDir Path dir) throws Exception {
        Path values = Files.writeString(dir.resolve("values.yaml"), "images:\n  tags: [unclosed\n");
        assertThatThrownBy(() -> HelmValuesLint.lint(values)).hasMessageContaining("values.yaml line")
                .hasMessageContaining("is not YAML");
    }
}
