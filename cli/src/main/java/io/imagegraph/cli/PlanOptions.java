package io.imagegraph.cli;

import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.upstream.UpstreamPins;
import io.imagegraph.core.upstream.UpstreamState;
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

    @Mixin
    StateOption state;

    /**
     * The plan, with graph warnings printed to {@code err}; bad input as {@link BadInputException}.
     * External bases are pinned to the digests the upstream watches last saw (imagegraph watch).
     */
    Plan plan(PrintWriter err) throws BadInputException, IOException, InterruptedException {
        GraphOptions.LoadedGraph loaded = graph.load(err);
        Optional<ChangeSet> changeSet = changes.changeSet(loaded.graph().root());
        StateDirectory folder = state.forGraph(loaded.graph().root());
        UpstreamPins pins;
        try {
            pins = UpstreamPins.of(UpstreamState.in(folder).current(), loaded.graph().upstream());
        } catch (IOException e) {
            throw new IOException("cannot read the upstream digests in " + folder.folder() + ": " + e.getMessage(), e);
        }
        try {
            return Planner.plan(loaded.graph(), loaded.warnings(),
                    selection.selection(Optional.ofNullable(graph.platform)), changeSet, pins);
        } catch (SelectionException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
