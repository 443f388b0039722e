package io.imagegraph.core.build;

import io.imagegraph.core.graph.BuildSettings;
import io.imagegraph.core.graph.ExternalBase;
import io.imagegraph.core.graph.ImageNode;
import io.imagegraph.core.graph.InternalEdge;
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
 * @param pinnedBases   external bases to build from a digest the upstream watches saw, with that reference
 * @param settings      the network, secrets and mirrors of the build
 * @param platform      the platform to build for ({@code --platform linux/arm64}); empty: the builder's own
 * @param noCache       build without the builder's layer cache (a refresh, which is to pick up what changed outside)
 * @param parentReferences parent name to the reference of its input-digest tag ({@code registry/namespace/name:input-sha256-…}
 *                      with a registry), which a build arg naming the parent gets (LOCI's {@code WHEELS} and {@code FROM})
 */
public record BuildJob(ImageNode node, Path root, Map<String, String> pinnedParents, SortedMap<String, String> labels,
                       List<String> tags, Path workDirectory, Map<ExternalBase, String> pinnedBases,
                       BuildSettings settings, java.util.Optional<String> platform, boolean noCache,
                       Map<String, String> parentReferences) {

    public BuildJob {
        parentReferences = Map.copyOf(parentReferences);
        pinnedParents = Map.copyOf(pinnedParents);
        pinnedBases = Map.copyOf(pinnedBases);
        labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        tags = List.copyOf(tags);
        platform = platform == null ? java.util.Optional.empty() : platform;
    }

    /** A job for the builder's own platform. */
    public BuildJob(ImageNode node, Path root, Map<String, String> pinnedParents, SortedMap<String, String> labels,
                    List<String> tags, Path workDirectory, Map<ExternalBase, String> pinnedBases,
                    BuildSettings settings, boolean noCache, Map<String, String> parentReferences) {
        this(node, root, pinnedParents, labels, tags, workDirectory, pinnedBases, settings, java.util.Optional.empty(),
                noCache, parentReferences);
    }

    /** The same job for one platform, with its own parents, tags and work directory. */
    public BuildJob forPlatform(String value, Map<String, String> parents, List<String> platformTags, Path directory) {
        return new BuildJob(node, root, parents, labels, platformTags, directory, pinnedBases, settings,
                java.util.Optional.of(value), noCache, parentReferences);
    }

    /** A job that may use the builder's layer cache. */
    public BuildJob(ImageNode node, Path root, Map<String, String> pinnedParents, SortedMap<String, String> labels,
                    List<String> tags, Path workDirectory, Map<ExternalBase, String> pinnedBases, BuildSettings settings) {
        this(node, root, pinnedParents, labels, tags, workDirectory, pinnedBases, settings, false, Map.of());
    }

    /** A job with the build settings of its image's spec. */
    public BuildJob(ImageNode node, Path root, Map<String, String> pinnedParents, SortedMap<String, String> labels,
                    List<String> tags, Path workDirectory, Map<ExternalBase, String> pinnedBases) {
        this(node, root, pinnedParents, labels, tags, workDirectory, pinnedBases, node.spec().build());
    }

    /** A job whose external bases are built from as written. */
    public BuildJob(ImageNode node, Path root, Map<String, String> pinnedParents, SortedMap<String, String> labels,
                    List<String> tags, Path workDirectory) {
        this(node, root, pinnedParents, labels, tags, workDirectory, Map.of());
    }

    /**
     * The edges a pinned Dockerfile rewrites, and what each is pinned to: the parents' edges, and
     * for each external base pinned by an upstream watch, an edge of its own at its line.
     */
    public PinnedEdges pinnedEdges() {
        return pinnedEdges(pinnedParents);
    }

    /** {@link #pinnedEdges()} with the parents named otherwise (BuildKit's pin tags for image IDs). */
    public PinnedEdges pinnedEdges(Map<String, String> parents) {
        List<InternalEdge> edges = new java.util.ArrayList<>(node.parentEdges());
        Map<String, String> pins = new java.util.HashMap<>(parents);
        pinnedBases.forEach((base, ref) -> {
            String key = "upstream " + base.ref();
            edges.add(new InternalEdge(key, node.name(), base.via().toString(), base.line(), base.ref().toString()));
            pins.put(key, ref);
        });
        return new PinnedEdges(edges, pins);
    }

    /** Edges to rewrite, and the reference each edge's key is pinned to. */
    public record PinnedEdges(List<InternalEdge> edges, Map<String, String> pins) {
    }

    public String name() {
        return node.name();
    }
}
