package io.imagegraph.core.plan;

import io.imagegraph.core.graph.GraphProblem;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.upstream.UpstreamPins;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns a graph, a selection and (optionally) a change set into a {@link Plan}. */
public final class Planner {

    static final String NO_CHANGE_SET = "no change set given, so every image counts as changed";

    private Planner() {
    }

    public static Plan plan(ImageGraph graph, List<GraphProblem> warnings, Selection selection,
                            Optional<ChangeSet> changes) throws SelectionException, IOException {
        return plan(graph, warnings, selection, changes, UpstreamPins.none());
    }

    /**
     * @param pins the digests the upstream watches last saw for the external bases: they count
     *             in the input digests, so an image whose base moved upstream is built again
     */
    public static Plan plan(ImageGraph graph, List<GraphProblem> warnings, Selection selection,
                            Optional<ChangeSet> changes, UpstreamPins pins) throws SelectionException, IOException {
        Map<String, SelectionDecision> decisions = ImageSelector.select(graph, selection);
        Map<String, Digest> digests = InputDigests.compute(graph, pins);
        Optional<Map<String, List<String>>> affected = changes.isPresent()
                ? Optional.of(ChangeDetector.affected(graph, changes.get())) : Optional.empty();
        List<PlannedImage> images = new ArrayList<>();
        for (String name : graph.order()) {
            List<String> reasons = affected.map(map -> map.get(name)).orElse(List.of(NO_CHANGE_SET));
            images.add(new PlannedImage(graph.node(name), digests.get(name), decisions.get(name), reasons));
        }
        return new Plan(graph, images, changes, warnings, pins);
    }
}
