package io.imagegraph.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.graph.LoadOptions;
import io.imagegraph.core.plan.Selection;
import io.imagegraph.core.testing.GitRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanWorkTest {

    @TempDir
    Path dir;
    private final List<String> log = new ArrayList<>();

    private StepRecord plan(Path root, Map<String, String> variables, boolean allImages) throws Exception {
        try (StepEnvironment environment = StepFixture.environment(dir.resolve("tmp"), variables, Map.of())) {
            return new PlanWork(environment, log::add).run(new PlanWork.Request(root, LoadOptions.defaults(),
                    Selection.all(), Optional.empty(), allImages));
        }
    }

    @Test
    void run_pullRequestBuild_plansWhatThePullRequestChanges() throws Exception {
        Path root = dir.resolve("checkout");
        GitRepo repo = StepFixture.graph(root, "registry.example.com");
        repo.git("update-ref", "refs/remotes/origin/main", "HEAD");
        repo.git("checkout", "-q", "-b", "PR-9");
        repo.write("images/app/motd", "changed\n").commitAll("app");

        StepRecord record = plan(root, Map.of("CHANGE_ID", "9", "CHANGE_TARGET", "main"), false);

        assertThat(record.value().get("toBuild")).isEqualTo(List.of("app"));
        assertThat(record.summary()).containsExactly("1 of 2 images to build (pull request 9 into main: what it"
                + " changes since refs/remotes/origin/main): app");
        assertThat(record.files()).isEmpty();
    }

    @Test
    void run_allImages_inAPullRequestBuild_plansEverything() throws Exception {
        Path root = dir.resolve("checkout");
        StepFixture.graph(root, "registry.example.com");
        StepRecord record = plan(root, Map.of("CHANGE_ID", "9", "CHANGE_TARGET", "main"), true);
        assertThat(record.value().get("toBuild")).isEqualTo(List.of("base", "app"));
    }
}
