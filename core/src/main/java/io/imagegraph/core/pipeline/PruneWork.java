package io.imagegraph.core.pipeline;

import io.imagegraph.core.access.RegistryRefusals;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.graph.LoadOptions;
import io.imagegraph.core.promote.ImageLocation;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.retention.RetentionPolicy;
import io.imagegraph.core.run.PipelineValues;
import io.imagegraph.core.run.PlanRun;
import io.imagegraph.core.run.PruneReportJson;
import io.imagegraph.core.run.PruneRun;
import io.imagegraph.core.run.RunRequestException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code pruneImages} step's work on the agent: the graph's repositories kept to the retention
 * policy — the graph file's, under the administrator's configured one, under the step's own
 * values — a dry run unless confirmed.
 */
public final class PruneWork {

    /**
     * A retention policy's values as given; each one empty leaves the one below it.
     *
     * @param keep    the newest versions to keep
     * @param minAge  versions younger than this are kept (7d, 36h)
     * @param protect tags (regular expressions) whose versions are kept
     */
    public record PolicyValues(Optional<Integer> keep, Optional<String> minAge, List<String> protect) {

        public PolicyValues {
            protect = List.copyOf(protect);
        }

        public static PolicyValues none() {
            return new PolicyValues(Optional.empty(), Optional.empty(), List.of());
        }

        RetentionPolicy over(RetentionPolicy base) throws RunRequestException {
            return PruneRun.policy(base, keep, minAge, protect);
        }
    }

    /**
     * What to prune.
     *
     * @param root       the graph root on the agent
     * @param load       how to read the graph
     * @param registry   the registry of the graph's repositories, over the graph file's
     * @param configured the administrator's retention values
     * @param step       the step's own retention values
     * @param confirm    delete (otherwise only say what would go)
     */
    public record Request(Path root, LoadOptions load, Optional<String> registry, PolicyValues configured,
                          PolicyValues step, boolean confirm) {
    }

    private final StepEnvironment environment;
    private final Clock clock;
    private final RegistryRefusals refusals;

    public PruneWork(StepEnvironment environment, Clock clock) {
        this(environment, clock, RegistryRefusals.none());
    }

    private PruneWork(StepEnvironment environment, Clock clock, RegistryRefusals refusals) {
        this.environment = environment;
        this.clock = clock;
        this.refusals = refusals;
    }

    /** The same pruning, refused before anything is listed or deleted in a registry the job may not use. */
    public PruneWork withRegistryRefusals(RegistryRefusals refused) {
        return new PruneWork(environment, clock, refused);
    }

    public StepRecord run(Request request)
            throws RunRequestException, RegistryException, IOException, InterruptedException {
        ImageGraph graph = PlanRun.load(request.root(), request.load()).graph();
        refusals.check(request.registry().or(graph::registry));
        List<ImageLocation> repositories = PruneRun.repositoriesOf(graph, request.registry());
        RetentionPolicy policy = request.step().over(request.configured().over(graph.retention()));
        PruneRun.Outcome outcome = new PruneRun(environment.registries(), environment.state(request.root()), clock)
                .run(repositories, policy, request.confirm());
        String summary = repositories.size() + " repositories: " + outcome.deletions() + " versions "
                + (outcome.dryRun() ? "would be deleted (dry run; give confirm: true to delete)" : "deleted");
        StepRecord record = StepRecord.ofValue(PipelineValues.ofJson(PruneReportJson.toJson(outcome)), List.of(summary));
        if (outcome.succeeded()) {
            return record;
        }
        return new StepRecord(false, Optional.of(outcome.failures().size() + " deletions failed: "
                + String.join("; ", outcome.failures().stream().map(f -> f.digest() + " (" + f.error() + ")").toList())),
                record.summary(), record.value(), "", "", Map.of(), List.of());
    }
}
