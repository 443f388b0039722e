package io.imagegraph.cli;

import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.run.PlanRun;
import io.imagegraph.core.run.RunRequestException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;

/** Everything that makes a plan (graph, selection, changes): shared by plan and build. */
final class PlanOptions {

    @Mixin
    GraphOptions graph;

    @Mixin
    SelectionOptions selection;

    @Mixin
    ChangeOptions changes;

    @Mixin
    StateOption state;

    /**
     * The plan, with graph warnings printed to {@code err}; bad input as {@link BadInputException}.
     * External bases are pinned to the digests the upstream watches last saw (imagegraph watch).
     */
    Plan plan(PrintWriter err) throws BadInputException, IOException, InterruptedException {
        PlanRun.Request request = new PlanRun.Request(graph.dir, graph.loadOptions(),
                selection.selection(graph.targetPlatform()), changes.changedFrom(), changes.changeList());
        Plan plan;
        try {
            plan = new PlanRun(new LocalProcessRunner()).plan(request, state.forGraph(graph.dir));
        } catch (RunRequestException e) {
            throw new BadInputException(List.of(e.getMessage().split("\\n")));
        }
        GraphOptions.printWarnings(plan.warnings(), err);
        return plan;
    }
}
