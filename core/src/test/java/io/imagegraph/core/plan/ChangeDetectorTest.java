package io.imagegraph.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.testing.GraphFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeDetectorTest {

    @TempDir
    Path dir;
    private GraphFixture fixture;

    @BeforeEach
    void family() {
        fixture = new GraphFixture(dir)
                .graphFile("images:\n  mid:\n    watch: ['common/**']\n")
                .image("base", "FROM scratch\n")
                .file("images/base/.dockerignore", "*.md\n")
                .file("images/base/run.sh", "x")
                .image("mid", "FROM base\n")
                .image("leaf", "FROM mid\n")
                .image("other", "FROM scratch\n");
    }

    private Map<String, List<String>> affected(String... paths) throws Exception {
        return ChangeDetector.affected(fixture.graph(), new ChangeSet("test", List.of(paths)));
    }

    private static List<String> names(Map<String, List<String>> affected) {
        return affected.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    @Test
    void contextFile_affectsTheImageAndItsDescendants() throws Exception {
        Map<String, List<String>> affected = affected("images/base/run.sh");
        assertThat(names(affected)).containsExactly("base", "mid", "leaf");
        assertThat(affected.get("base")).containsExactly("changed in its build context: images/base/run.sh");
        assertThat(affected.get("leaf")).containsExactly("its parent mid is affected");
    }

    @Test
    void ignoredFile_affectsNothing() throws Exception {
        assertThat(names(affected("images/base/NOTES.md"))).isEmpty();
    }

    @Test
    void ignoreFileItself_affectsTheImage() throws Exception {
        assertThat(affected("images/base/.dockerignore").get("base")).containsExactly(
                "its ignore file changed: images/base/.dockerignore");
    }

    @Test
    void dockerfile_affectsTheImage() throws Exception {
        assertThat(affected("images/leaf/Dockerfile").get("leaf")).containsExactly(
                "its Dockerfile changed: images/leaf/Dockerfile");
    }

    @Test
    void watchedPath_affectsTheWatcher() throws Exception {
        Map<String, List<String>> affected = affected("common/lib/functions.sh");
        assertThat(names(affected)).containsExactly("mid", "leaf");
        assertThat(affected.get("mid")).containsExactly("matches its watch patterns: common/lib/functions.sh");
    }

    @Test
    void unrelatedPath_affectsNothing() throws Exception {
        assertThat(names(affected("README.md", "images/basement/x"))).isEmpty();
    }

    @Test
    void graphFile_affectsEverything() throws Exception {
        assertThat(names(affected("imagegraph.yaml"))).containsExactly("base", "other", "mid", "leaf");
    }

    @Test
    void manyChangedFiles_areSummarised() throws Exception {
        String[] paths = new String[25];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = "images/other/f" + i;
        }
        List<String> reasons = affected(paths).get("other");
        assertThat(reasons).hasSize(11).last().isEqualTo("and 15 more changed paths");
    }

    @Test
    void changeSet_normalisesPaths() {
        assertThat(new ChangeSet("t", List.of("./a//b", "a/b", " ", "c\\d")).paths()).containsExactly("a/b", "c/d");
    }
}
