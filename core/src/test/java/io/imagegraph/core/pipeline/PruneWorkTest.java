package io.imagegraph.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.access.RegistryRefusals;
import io.imagegraph.core.build.BuildLogLines;
import io.imagegraph.core.graph.LoadOptions;
import io.imagegraph.core.run.RunRequestException;
import io.imagegraph.core.track.ConfiguredHolds;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The pruneImages step's work against a real build's repositories, in a registry that wants a login. */
class PruneWorkTest {

    @RegisterExtension
    static final RobotRegistry REGISTRY = new RobotRegistry();

    @TempDir
    Path dir;

    private StepRecord prune(Path root, PruneWork.PolicyValues configured, PruneWork.PolicyValues step)
            throws Exception {
        try (StepEnvironment environment = StepFixture.environment(dir.resolve("tmp"), Map.of(),
                REGISTRY.login())) {
            return new PruneWork(environment, Clock.systemUTC()).run(new PruneWork.Request(root,
                    LoadOptions.defaults(), Optional.empty(), configured, step, false));
        }
    }

    @Test
    void run_dryRun_plansEveryRepositoryOfTheGraph_andDeletesNothing() throws Exception {
        Path root = dir.resolve("checkout");
        StepFixture.graph(root, REGISTRY.host());
        try (StepEnvironment environment = StepFixture.environment(dir.resolve("tmp"), Map.of(),
                REGISTRY.login())) {
            new BuildWork(environment, ConfiguredHolds.none(), new BuildLogLines(line -> { }, true), line -> { },
                    Clock.systemUTC()).run(StepFixture.buildEverything(root, List.of("test")));
        }
        StepRecord record = prune(root, PruneWork.PolicyValues.none(),
                new PruneWork.PolicyValues(Optional.of(0), Optional.of("0s"), List.of()));
        assertThat(record.succeeded()).isTrue();
        assertThat(record.value()).containsEntry("dryRun", true);
        assertThat((List<?>) record.value().get("repositories")).hasSize(2);
        assertThat(record.summary()).singleElement().asString().startsWith("2 repositories: ")
                .contains("would be deleted (dry run; give confirm: true to delete)");
    }

    @Test
    void run_configuredPolicy_badValue_isAWrongRequest() throws Exception {
        Path root = dir.resolve("checkout");
        StepFixture.graph(root, REGISTRY.host());
        assertThatThrownBy(() -> prune(root, new PruneWork.PolicyValues(Optional.empty(), Optional.of("soon"),
                List.of()), PruneWork.PolicyValues.none()))
                .isInstanceOf(RunRequestException.class).hasMessageContaining("'soon' is not a duration");
    }

    @Test
    void withRegistryRefusals_theGraphsRegistryOfAnotherFolder_isRefusedBeforeAnythingIsListed() throws Exception {
        Path root = dir.resolve("checkout");
        StepFixture.graph(root, REGISTRY.host());
        try (StepEnvironment environment = StepFixture.environment(dir.resolve("tmp"), Map.of(), REGISTRY.login())) {
            PruneWork work = new PruneWork(environment, Clock.systemUTC()).withRegistryRefusals(
                    RegistryRefusals.of(Map.of(REGISTRY.host(), "the registry " + REGISTRY.host() + " is configured"
                            + " on the folder 'b'")));
            assertThatThrownBy(() -> work.run(new PruneWork.Request(root, LoadOptions.defaults(), Optional.empty(),
                    PruneWork.PolicyValues.none(), PruneWork.PolicyValues.none(), true)))
                    .isInstanceOf(RunRequestException.class)
                    .hasMessage("the registry " + REGISTRY.host() + " is configured on the folder 'b'");
        }
    }
}
