package io.imagegraph.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.testing.GitRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real git against a repository made in a temporary directory. */
class GitChangesTest {

    @TempDir
    Path repo;
    private final LocalProcessRunner runner = new LocalProcessRunner();

    private void git(String... args) throws Exception {
        new GitRepo(repo).git(args);
    }

    private void write(String path, String content) throws Exception {
        new GitRepo(repo).write(path, content);
    }

    @BeforeEach
    void history() throws Exception {
        git("init", "-q", "-b", "main");
        write("graph/images/base/Dockerfile", "FROM scratch\n");
        write("README.md", "x");
        git("add", "-A");
        git("commit", "-qm", "first");
        git("checkout", "-q", "-b", "feature");
        write("graph/images/base/run.sh", "echo\n");
        write("README.md", "y");
        git("add", "-A");
        git("commit", "-qm", "second");
        git("checkout", "-q", "main");
        write("graph/images/other/Dockerfile", "FROM scratch\n");
        git("add", "-A");
        git("commit", "-qm", "main moves on");
        git("checkout", "-q", "feature");
    }

    @Test
    void since_listsTheBranchChangesRelativeToTheRoot() throws Exception {
        ChangeSet changes = new GitChanges(runner).since(repo.resolve("graph"), "main");
        assertThat(changes.paths()).containsExactly("images/base/run.sh");
        assertThat(changes.source()).isEqualTo("git diff --name-only main...HEAD");
    }

    @Test
    void since_unknownRevision_explainsWhatToFetch() {
        assertThatThrownBy(() -> new GitChanges(runner).since(repo, "origin/nope"))
                .isInstanceOf(ChangeDetectionException.class)
                .hasMessageContaining("git could not list the changes since 'origin/nope'")
                .hasMessageContaining("has 'origin/nope' been fetched");
    }

    @Test
    void since_optionLikeRevision_isRefused() {
        assertThatThrownBy(() -> new GitChanges(runner).since(repo, "--output=/tmp/x"))
                .hasMessageContaining("is not a git revision");
    }
}
