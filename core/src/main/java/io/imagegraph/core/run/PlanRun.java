package io.imagegraph.core.run;

import io.imagegraph.core.graph.GraphLoadResult;
import io.imagegraph.core.graph.GraphLoader;
import io.imagegraph.core.graph.GraphProblem;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.graph.LoadOptions;
import io.imagegraph.core.plan.ChangeDetectionException;
import io.imagegraph.core.plan.ChangeSet;
import io.imagegraph.core.plan.GitChanges;
import io.imagegraph.core.plan.InvalidIgnorePatternException;
import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.plan.Planner;
import io.imagegraph.core.plan.Selection;
import io.imagegraph.core.plan.SelectionException;
import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.upstream.UpstreamPins;
import io.imagegraph.core.upstream.UpstreamState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Loading a graph and planning a run, as {@code imagegraph plan|build} and the
 * {@code imageGraphPlan} and {@code buildImageGraph} steps do it: the graph's errors refuse the
 * request (every one of them, as sentences), the changes come from a git revision or a list, and
 * external bases are pinned to the digests the upstream watches last saw.
 */
public final class PlanRun {

    /**
     * What to plan.
     *
     * @param root        the graph root
     * @param load        how to read the graph
     * @param selection   which images
     * @param changedFrom build only what changed since this git revision (a pull request's target)
     * @param changes     build only what these changed paths affect
     */
    public record Request(Path root, LoadOptions load, Selection selection, Optional<String> changedFrom,
                          Optional<ChangeSet> changes) {

        public Request {
            if (changedFrom.isPresent() && changes.isPresent()) {
                throw new IllegalArgumentException("give the changes one way: a revision or a list of paths");
            }
        }
    }

    /** A graph that loaded, and the warnings it came with. */
    public record LoadedGraph(ImageGraph graph, List<GraphProblem> warnings) {

        public LoadedGraph {
            warnings = List.copyOf(warnings);
        }
    }

    private final ProcessRunner runner;

    public PlanRun(ProcessRunner runner) {
        this.runner = runner;
    }

    /** The graph at {@code root}; its errors (and warnings, when it has errors) refuse the request. */
    public static LoadedGraph load(Path root, LoadOptions options) throws RunRequestException {
        GraphLoadResult result = GraphLoader.load(root, options);
        if (result.graph().isEmpty()) {
            throw new RunRequestException(String.join("\n", result.problems().stream()
                    .map(problem -> (problem.isError() ? "error: " : "warning: ") + problem).toList()));
        }
        return new LoadedGraph(result.graph().get(), result.warnings());
    }

    /** The plan, with the graph's warnings in it; the state folder is where the upstream digests are. */
    public Plan plan(Request request, StateDirectory state)
            throws RunRequestException, IOException, InterruptedException {
        LoadedGraph loaded = load(request.root(), request.load());
        Optional<ChangeSet> changes = request.changes();
        if (request.changedFrom().isPresent()) {
            try {
                changes = Optional.of(new GitChanges(runner).since(loaded.graph().root(), request.changedFrom().get()));
            } catch (ChangeDetectionException e) {
                throw new RunRequestException(e.getMessage());
            }
        }
        UpstreamPins pins;
        try {
            pins = UpstreamPins.of(UpstreamState.in(state).current(), loaded.graph().upstream());
        } catch (IOException e) {
            throw new IOException("cannot read the upstream digests in " + state.folder() + ": " + e.getMessage(), e);
        }
        try {
            return Planner.plan(loaded.graph(), loaded.warnings(), request.selection(), changes, pins);
        } catch (SelectionException | InvalidIgnorePatternException e) {
            throw new RunRequestException(e.getMessage());
        }
    }
}
