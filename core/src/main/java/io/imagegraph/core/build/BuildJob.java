package io.imagegraph.core.build;

import io.imagegraph.core.graph.ImageNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One image to build, with everything resolved: the exact parents to build from, the labels to
 * set and the local references to tag the result with.
 *
 * @param node          the image and its edges
 * @param root          the graph root its paths are relative to
 * @param pinnedParents parent name to the image ID (or digest reference) this run built or reused
 * @param labels        labels to set on the image (lineage)
 * @param tags          references to tag the built image with
 * @param workDirectory a private directory for generated files (the pinned Dockerfile, the image ID file)
 */
public record BuildJob(ImageNode node, Path root, Map<String, String> pinnedParents, SortedMap<String, String> labels,
                       List<String> tags, Path workDirectory) {

    public BuildJob {
        pinnedParents = Map.copyOf(pinnedParents);
        labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        tags = List.copyOf(tags);
    }

    public String name() {
        return node.name();
    }
}
