package io.imagegraph.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.plan.GitChanges;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.testing.GitRepo;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pull request of a multibranch build, against real git checkouts. */
class PullRequestTest {

    @TempDir
    Path folder;
    private final LocalProcessRunner runner = new LocalProcessRunner();

    @Test
    void of_branchBuild_isEmpty() throws Exception {
        assertThat(PullRequest.of(Map.of("BRANCH_NAME", "main"))).isEmpty();
    }

    @Test
    void of_pullRequestBuild_hasIdTargetAndTag() throws Exception {
        PullRequest pr = PullRequest.of(Map.of("CHANGE_ID", "42", "CHANGE_TARGET", "main")).orElseThrow();
        assertThat(pr).isEqualTo(new PullRequest("42", "main"));
        assertThat(pr.tag()).isEqualTo("pr-42");
    }

    @Test
    void tag_charactersATagCannotHold_becomeDashes() {
        assertThat(new PullRequest("refs/changes/12/3412/2", "main").tag()).isEqualTo("pr-refs-changes-12-3412-2");
    }

    @Test
    void of_idWithoutTarget_isRefusedWithWhatToDo() {
        assertThatThrownBy(() -> PullRequest.of(Map.of("CHANGE_ID", "42")))
                .isInstanceOf(RunRequestException.class)
                .hasMessageContaining("change 42")
                .hasMessageContaining("CHANGE_TARGET")
                .hasMessageContaining("changedFrom");
    }

    @Test
    void targetRevision_mergeBuildCheckout_isTheRemoteTrackingBranch_andDiffsOnlyThePullRequest() throws Exception {
        GitRepo origin = new GitRepo(folder.resolve("origin"));
        origin.git("init", "-q", "-b", "main");
        origin.write("images/base/Dockerfile", "FROM scratch\n").commitAll("base");
        Path checkout = folder.resolve("checkout");
        new GitRepo(folder).git("clone", "-q", origin.folder().toString(), checkout.toString());
        GitRepo pr = new GitRepo(checkout);
        pr.git("checkout", "-q", "-b", "PR-7");
        pr.write("images/app/Dockerfile", "FROM base\n").commitAll("app");
        pr.git("branch", "-q", "-D", "main");

        String revision = new PullRequest("7", "main").targetRevision(checkout, runner);

        assertThat(revision).isEqualTo("refs/remotes/origin/main");
        assertThat(new GitChanges(runner).since(checkout, revision).paths()).containsExactly("images/app/Dockerfile");
    }

    @Test
    void targetRevision_onlyALocalBranch_isThatBranch() throws Exception {
        GitRepo repo = new GitRepo(folder);
        repo.git("init", "-q", "-b", "develop");
        repo.write("README", "x").commitAll("one");
        assertThat(new PullRequest("7", "develop").targetRevision(folder, runner)).isEqualTo("refs/heads/develop");
    }

    @Test
    void targetRevision_targetNotFetched_saysHowToFetchIt() throws Exception {
        GitRepo repo = new GitRepo(folder);
        repo.git("init", "-q", "-b", "PR-7");
        repo.write("README", "x").commitAll("one");
        assertThatThrownBy(() -> new PullRequest("7", "main").targetRevision(folder, runner))
                .isInstanceOf(RunRequestException.class)
                .hasMessageContaining("pull request 7 goes into 'main'")
                .hasMessageContaining("git fetch origin +refs/heads/main:refs/remotes/origin/main");
    }
}
