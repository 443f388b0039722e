package io.imagegraph.core.pipeline;

import io.imagegraph.core.graph.LoadOptions;
import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.plan.PlanJson;
import io.imagegraph.core.plan.Selection;
import io.imagegraph.core.run.PipelineValues;
import io.imagegraph.core.run.PlanRun;
import io.imagegraph.core.run.RunRequestException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code imageGraphPlan} step's work on the agent: the plan a build would follow (the same
 * change scope, the same selection), as {@code imagegraph plan -o json} gives it.
 */
public final class PlanWork {

    /**
     * What to plan.
     *
     * @param root        the graph root on the agent
     * @param load        how to read the graph
     * @param selection   which images
     * @param changedFrom plan only what changed since this revision
     * @param allImages   plan every selected image, even in a pull-request build
     */
    public record Request(Path root, LoadOptions load, Selection selection, Optional<String> changedFrom,
                          boolean allImages) {
    }

    private final StepEnvironment environment;
    private final Consumer<String> log;

    public PlanWork(StepEnvironment environment, Consumer<String> log) {
        this.environment = environment;
        this.log = log;
    }

    public StepRecord run(Request request) throws RunRequestException, IOException, InterruptedException {
        ChangeScope scope = ChangeScope.of(request.changedFrom(), request.allImages(), environment.variables(),
                request.root(), environment.runner());
        Plan plan = new PlanRun(environment.runner()).plan(new PlanRun.Request(request.root(), request.load(),
                request.selection(), scope.changedFrom(), Optional.empty()), environment.state(request.root()));
        plan.warnings().forEach(warning -> log.accept("warning: " + warning));
        String summary = plan.toBuild().size() + " of " + plan.images().size() + " images to build ("
                + scope.describe() + ")" + (plan.toBuild().isEmpty() ? "" : ": " + String.join(", ", plan.toBuild()));
        return StepRecord.ofValue(PipelineValues.ofJson(PlanJson.write(plan)), List.of(summary));
    }
}
