package io.imagegraph.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.run.RunRequestException;
import io.imagegraph.core.testing.GitRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeScopeTest {

    private static final Map<String, String> PR = Map.of("CHANGE_ID", "12", "CHANGE_TARGET", "main");

    @TempDir
    Path dir;
    private final LocalProcessRunner runner = new LocalProcessRunner();

    @Test
    void of_branchBuild_isEveryImage_withTheGivenTags() throws Exception {
        ChangeScope scope = ChangeScope.of(Optional.empty(), false, Map.of("BRANCH_NAME", "main"), dir, runner);
        assertThat(scope.changedFrom()).isEmpty();
        assertThat(scope.tags(List.of(), List.of())).isEmpty();
        assertThat(scope.tags(List.of(), List.of("ci"))).containsExactly("ci");
        assertThat(scope.describe()).isEqualTo("every selected image");
    }

    @Test
    void of_pullRequestBuild_comparesWithTheTarget_andTagsPrId() throws Exception {
        GitRepo repo = new GitRepo(dir);
        repo.git("init", "-q", "-b", "main");
        repo.write("README", "x").commitAll("one");
        ChangeScope scope = ChangeScope.of(Optional.empty(), false, PR, dir, runner);
        assertThat(scope.changedFrom()).contains("refs/heads/main");
        assertThat(scope.tags(List.of(), List.of("test"))).containsExactly("pr-12");
        assertThat(scope.tags(List.of("ci"), List.of("test"))).containsExactly("ci");
    }

    @Test
    void of_givenRevision_winsOverThePullRequest() throws Exception {
        ChangeScope scope = ChangeScope.of(Optional.of("origin/stable"), false, PR, dir, runner);
        assertThat(scope.changedFrom()).contains("origin/stable");
        assertThat(scope.pullRequest()).isEmpty();
        assertThat(scope.describe()).isEqualTo("what changed since origin/stable");
    }

    @Test
    void of_allImages_inAPullRequestBuild_isEveryImage() throws Exception {
        assertThat(ChangeScope.of(Optional.empty(), true, PR, dir, runner).changedFrom()).isEmpty();
    }

    @Test
    void of_revisionAndAllImages_isRefused() {
        assertThatThrownBy(() -> ChangeScope.of(Optional.of("main"), true, Map.of(), dir, runner))
                .isInstanceOf(RunRequestException.class).hasMessage("give changedFrom or allImages: true, not both");
    }
}
