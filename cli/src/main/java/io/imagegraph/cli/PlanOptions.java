package io.imagegraph.cli;

import io.imagegraph.core.plan.ChangeSet;
import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.plan.Planner;
import io.imagegraph.core.plan.SelectionException;
import java.io.IOException;
import java.io.PrintWriter;
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

    /** The plan, with graph warnings printed to {@code err}; bad input as {@link BadInputException}. */
    Plan plan(PrintWriter err) throws BadInputException, IOException, InterruptedException {
        GraphOptions.LoadedGraph loaded = graph.load(err);
        Optional<ChangeSet> changeSet = changes.changeSet(loaded.graph().root());
        try {
            return Planner.plan(loaded.graph(), loaded.warnings(),
                    selection.selection(Optional.ofNullable(graph.platform)), changeSet);
        } catch (SelectionException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
