package io.imagegraph.core.graph;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An image in the graph with its resolved edges.
 *
 * @param spec          what the graph says about it
 * @param parents       internal images it needs, by name
 * @param parentEdges   every edge into it, with where each is declared
 * @param externalBases images from outside the graph it needs
 */
public record ImageNode(ImageSpec spec, SortedSet<String> parents, List<InternalEdge> parentEdges,
                        List<ExternalBase> externalBases) {

    public ImageNode {
        parents = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(parents));
        parentEdges = List.copyOf(parentEdges);
        externalBases = List.copyOf(externalBases);
    }

    public String name() {
        return spec.name();
    }
}
