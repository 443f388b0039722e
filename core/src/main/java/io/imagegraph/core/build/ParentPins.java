package io.imagegraph.core.build;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.ref.Digest;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a child builds from for each of its parents: the exact image this run built or reused,
 * never a tag. A parent is pinned to its image ID in the builder's store when it is there, else
 * to its digest reference in the registry, which the builder pulls; on build hosts, to what
 * {@link ParentTransfer} gets onto the child's host.
 *
 * @param pinned      parent to the reference the child's FROM names
 * @param references  parent to its input-digest reference (what LOCI's WHEELS and such name)
 * @param baseDigests parent to its identity (digest, else image ID), for the lineage labels
 */
record ParentPins(Map<String, String> pinned, Map<String, String> references, Map<String, String> baseDigests) {

    static ParentPins of(ImageGraph graph, String name, Map<String, ImageResult> done, ImageLookup lookup,
                         BuildOptions options, Optional<HostBuild.OnHost> onHost)
            throws ImageBuildException, InterruptedException {
        Map<String, String> pinned = new TreeMap<>();
        Map<String, String> references = new TreeMap<>();
        Map<String, String> baseDigests = new TreeMap<>();
        for (String parent : graph.node(name).parents()) {
            ImageResult parentResult = done.get(parent);
            if (parentResult == null || parentResult.identity().isEmpty()) {
                throw new ImageBuildException("its parent " + parent + " has no image in this run", false);
            }
            String repository = ImageNames.repository(graph, options.registry(), parent);
            pinned.put(parent, onHost.isPresent() ? onHost.get().transfer().pin(name, parent, onHost.get().engine(),
                    parentResult.digest().map(digest -> repository + "@" + digest),
                    () -> pin(graph, parent, parentResult, lookup, options))
                    : pin(graph, parent, parentResult, lookup, options));
            references.put(parent, repository + ":" + ImageNames.inputTag(Digest.of(parentResult.inputDigest())));
            baseDigests.put(parent, parentResult.identity().get());
        }
        return new ParentPins(pinned, references, baseDigests);
    }

    /**
     * Refuses a child whose parent is built into another image store than its own (docker's and
     * buildah's), which its builder cannot read.
     */
    static void requireSameStore(ImageGraph graph, String name, BuildTools tools, BuildTool tool)
            throws ImageBuildException {
        io.imagegraph.core.graph.BuilderKind builder = graph.node(name).spec().builder();
        for (String parent : graph.node(name).parents()) {
            String parentStore = tools.forKind(graph.node(parent).spec().builder()).map(BuildTool::store).orElse("?");
            if (!parentStore.equals(tool.store())) {
                throw new ImageBuildException("it is built with " + builder + " (into the " + tool.store()
                        + " image store) but its parent " + parent + " is built into the " + parentStore
                        + " store, which " + builder + " cannot read; give both the same builder", false);
            }
        }
    }

    /**
     * What a child builds from for a parent: its image ID in the local store when it is there,
     * else its digest reference in the registry, which the builder pulls.
     */
    private static String pin(ImageGraph graph, String parent, ImageResult result, ImageLookup lookup,
                              BuildOptions options) throws ImageBuildException, InterruptedException {
        if (result.imageId().isPresent()) {
            return result.imageId().get();
        }
        String repository = ImageNames.repository(graph, options.registry(), parent);
        Optional<String> local = lookup.find(repository + ":" + ImageNames.inputTag(Digest.of(result.inputDigest())));
        return local.orElseGet(() -> repository + "@" + result.digest().orElseThrow());
    }
}
