package io.imagegraph.core.graph;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of loading a graph: the graph when nothing is in error, and every problem found
 * (all of them, not just the first, so that one run shows everything to fix).
 */
public record GraphLoadResult(Optional<ImageGraph> graph, List<GraphProblem> problems) {

    public GraphLoadResult {
        problems = List.copyOf(problems);
    }

    public List<GraphProblem> errors() {
        return problems.stream().filter(GraphProblem::isError).toList();
    }

    public List<GraphProblem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }
}
