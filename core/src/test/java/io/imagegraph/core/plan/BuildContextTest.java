package io.imagegraph.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.testing.GraphFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildContextTest {

    @TempDir
    Path dir;

    private BuildContext context(GraphFixture fixture, String image) throws Exception {
        ImageGraph graph = fixture.graph();
        return BuildContext.of(graph.root(), graph.node(image).spec());
    }

    @Test
    void files_honourDockerignore() throws Exception {
        GraphFixture fixture = new GraphFixture(dir).image("a", "FROM scratch\n")
                .file("images/a/.dockerignore", "*.swp\ncache\n")
                .file("images/a/app.sh", "x").file("images/a/app.sh.swp", "x").file("images/a/cache/big", "x");
        assertThat(context(fixture, "a").files()).containsExactly(".dockerignore", "Dockerfile", "app.sh");
    }

    @Test
    void contextAtTheGraphRoot_theStateFolderAndGitAreNoPartOfItsDigest() throws Exception {
        GraphFixture fixture = new GraphFixture(dir).graphFile("images:\n  app: {context: .}\n")
                .file("Dockerfile", "FROM scratch\nCOPY . /src\n").file("app.sh", "x")
                .file(".git/HEAD", "ref: refs/heads/main\n").file("sub/.git", "gitdir: ../.git/modules/sub\n");
        io.imagegraph.core.ref.Digest before = context(fixture, "app").digest();
        fixture.file(".imagegraph/x", "state").file(".imagegraph/runs/r1/build-report.json", "{}")
                .file(".git/index", "changed").file("sub/.git", "gitdir: elsewhere\n");
        assertThat(context(fixture, "app").digest()).isEqualTo(before);
        assertThat(context(fixture, "app").files()).doesNotContain(".imagegraph/x", ".git/HEAD", "sub/.git");
        fixture.file("app.sh", "y");
        assertThat(context(fixture, "app").digest()).isNotEqualTo(before);
    }

    @Test
    void dockerfileSpecificIgnore_winsOverTheContextOne() throws Exception {
        GraphFixture fixture = new GraphFixture(dir).image("a", "FROM scratch\n")
                .file("images/a/.dockerignore", "app.sh\n")
                .file("images/a/Dockerfile.dockerignore", "notes.txt\n")
                .file("images/a/app.sh", "x").file("images/a/notes.txt", "x");
        assertThat(context(fixture, "a").files()).contains("app.sh").doesNotContain("notes.txt");
    }

    @Test
    void excludedDirectoryWithException_isStillWalked() throws Exception {
        GraphFixture fixture = new GraphFixture(dir).image("a", "FROM scratch\n")
                .file("images/a/.dockerignore", "vendor\n!vendor/keep.txt\n")
                .file("images/a/vendor/keep.txt", "x").file("images/a/vendor/drop.txt", "x");
        assertThat(context(fixture, "a").files()).contains("vendor/keep.txt").doesNotContain("vendor/drop.txt");
    }

    @Test
    void digest_changesWithContentAndExecutableBit_notWithIgnoredFiles() throws Exception {
        GraphFixture fixture = new GraphFixture(dir).image("a", "FROM scratch\n")
                .file("images/a/.dockerignore", "*.tmp\n").file("images/a/run.sh", "echo 1\n");
        String first = context(fixture, "a").digest().toString();
        fixture.file("images/a/scratch.tmp", "ignored");
        assertThat(context(fixture, "a").digest().toString()).isEqualTo(first);
        Files.setPosixFilePermissions(dir.resolve("images/a/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        String executable = context(fixture, "a").digest().toString();
        assertThat(executable).isNotEqualTo(first);
        fixture.executable("images/a/run.sh", "echo 2\n");
        assertThat(context(fixture, "a").digest().toString()).isNotEqualTo(executable);
    }

    @Test
    void digest_followsSymlinkTargetsAsText() throws Exception {
        GraphFixture fixture = new GraphFixture(dir).image("a", "FROM scratch\n");
        Files.createSymbolicLink(dir.resolve("images/a/link"), Path.of("Dockerfile"));
        String first = context(fixture, "a").digest().toString();
        Files.delete(dir.resolve("images/a/link"));
        Files.createSymbolicLink(dir.resolve("images/a/link"), Path.of("elsewhere"));
        assertThat(context(fixture, "a").digest().toString()).isNotEqualTo(first);
        assertThat(context(fixture, "a").files()).contains("link");
    }

    @Test
    void includes_answersForSinglePaths() throws Exception {
        GraphFixture fixture = new GraphFixture(dir).image("a", "FROM scratch\n").file("images/a/.dockerignore", "docs/\n");
        BuildContext context = context(fixture, "a");
        assertThat(context.includes("docs/x.md")).isFalse();
        assertThat(context.includes("src/x.sh")).isTrue();
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void digest_fifoInTheContext_isCountedWithoutOpeningIt() throws Exception {
        GraphFixture fixture = new GraphFixture(dir).image("a", "FROM scratch\n");
        assertThat(new ProcessBuilder("mkfifo", dir.resolve("images/a/pipe").toString()).start().waitFor()).isZero();
        BuildContext context = context(fixture, "a");
        assertThat(context.files()).containsExactly("Dockerfile", "pipe");
        assertThat(context.digest()).isNotNull();
    }

    @Test
    void of_invalidIgnorePattern_namesTheIgnoreFileAndLine() throws Exception {
        GraphFixture fixture = new GraphFixture(dir).image("a", "FROM scratch\n").file("images/a/.dockerignore", "ok\n[z-a]\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> context(fixture, "a"))
                .isInstanceOf(InvalidIgnorePatternException.class)
                .hasMessageStartingWith("images/a/.dockerignore line 2: '[z-a]' is not a valid pattern");
    }
}
