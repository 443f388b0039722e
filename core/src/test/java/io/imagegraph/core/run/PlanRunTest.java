package io.imagegraph.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.graph.LoadOptions;
import io.imagegraph.core.plan.ChangeSet;
import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.plan.Selection;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.testing.GitRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanRunTest {

    @TempDir
    Path root;
    private final PlanRun planRun = new PlanRun(new LocalProcessRunner());

    private PlanRun.Request request(Optional<String> changedFrom, Optional<ChangeSet> changes) {
        return new PlanRun.Request(root, LoadOptions.defaults(), Selection.all(), changedFrom, changes);
    }

    private StateDirectory state() {
        return StateDirectory.at(root.resolve(".imagegraph"));
    }

    private GitRepo family() throws Exception {
        GitRepo repo = new GitRepo(root);
        repo.git("init", "-q", "-b", "main");
        repo.write("images/base/Dockerfile", "FROM scratch\n")
                .write("images/app/Dockerfile", "FROM base\n")
                .write("images/tool/Dockerfile", "FROM scratch\n")
                .write(".gitignore", ".imagegraph/\n")
                .commitAll("family");
        return repo;
    }

    @Test
    void plan_changedFromARevision_buildsWhatTheDiffAffects() throws Exception {
        GitRepo repo = family();
        repo.git("checkout", "-q", "-b", "feature");
        repo.write("images/base/motd", "hello\n").commitAll("base changes");

        Plan plan = planRun.plan(request(Optional.of("main"), Optional.empty()), state());

        assertThat(plan.toBuild()).containsExactly("base", "app");
        assertThat(plan.changes().orElseThrow().paths()).containsExactly("images/base/motd");
    }

    @Test
    void plan_listedChanges_buildWhatTheyAffect() throws Exception {
        family();
        Plan plan = planRun.plan(request(Optional.empty(),
                Optional.of(new ChangeSet("test", List.of("images/tool/Dockerfile")))), state());
        assertThat(plan.toBuild()).containsExactly("tool");
    }

    @Test
    void plan_unknownRevision_isRefusedWithWhatToFetch() throws Exception {
        family();
        assertThatThrownBy(() -> planRun.plan(request(Optional.of("origin/nope"), Optional.empty()), state()))
                .isInstanceOf(RunRequestException.class)
                .hasMessageContaining("has 'origin/nope' been fetched");
    }

    @Test
    void plan_unknownImageSelected_isRefused() throws Exception {
        family();
        PlanRun.Request request = new PlanRun.Request(root, LoadOptions.defaults(),
                new Selection(List.of("nope"), List.of(), List.of(), List.of(), false, false, Optional.empty()),
                Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> planRun.plan(request, state()))
                .isInstanceOf(RunRequestException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void load_brokenGraph_isRefusedWithEveryError() throws Exception {
        new GitRepo(root).write("images/a/Dockerfile", "FROM b\n").write("images/b/Dockerfile", "FROM a\n");
        assertThatThrownBy(() -> PlanRun.load(root, LoadOptions.defaults()))
                .isInstanceOf(RunRequestException.class)
                .hasMessageStartingWith("error: ")
                .hasMessageContaining("cycle");
    }

    @Test
    void request_bothARevisionAndAList_isRefused() {
        assertThatThrownBy(() -> request(Optional.of("main"), Optional.of(new ChangeSet("test", List.of()))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
