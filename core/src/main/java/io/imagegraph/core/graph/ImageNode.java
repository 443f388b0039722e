package io.imagegraph.core.graph;

import io.imagegraph.core.ref.Digest;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An image in the graph with its resolved edges.
 *
 * @param spec          what the graph says about it
 * @param parents       internal images it needs, by name
 * @param parentEdges   every edge into it, with where each is declared
 * @param externalBases images from outside the graph it needs
 * @param dockerfileDigest the sha256 of its Dockerfile as read, when it has one
 */
public record ImageNode(ImageSpec spec, SortedSet<String> parents, List<InternalEdge> parentEdges,
                        List<ExternalBase> externalBases, Optional<Digest> dockerfileDigest) {

    public ImageNode {
        parents = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(parents));
        parentEdges = List.copyOf(parentEdges);
        externalBases = List.copyOf(externalBases);
    }

    public String name() {
        return spec.name();
    }
}
