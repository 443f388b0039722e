package io.imagegraph.core.build;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.ref.Digest;

/**
 * How the images of a graph are named: {@code [registry/][namespace/]name}, and the tag that
 * records an input digest ({@code input-sha256-<hex>}), by which an unchanged image is found again.
 */
public final class ImageNames {

    static final String INPUT_TAG_PREFIX = "input-";

    private ImageNames() {
    }

    public static String repository(ImageGraph graph, String image) {
        return repository(graph, java.util.Optional.empty(), image);
    }

    /** The repository with the given registry instead of the graph file's, when one is given. */
    public static String repository(ImageGraph graph, java.util.Optional<String> registry, String image) {
        StringBuilder name = new StringBuilder();
        registry.or(graph::registry).ifPresent(host -> name.append(host).append('/'));
        graph.namespace().ifPresent(namespace -> name.append(namespace).append('/'));
        return name.append(image).toString();
    }

    /** The repository's path within its registry: {@code [namespace/]name}. */
    public static io.imagegraph.core.ref.RepositoryName path(ImageGraph graph, String image) {
        return io.imagegraph.core.ref.RepositoryName.of(graph.namespace().map(namespace -> namespace + "/").orElse("")
                + image);
    }

    public static String inputTag(Digest inputDigest) {
        return INPUT_TAG_PREFIX + inputDigest.algorithm() + "-" + inputDigest.encoded();
    }

    /** True for the tag that records an input digest, as opposed to a run or release tag. */
    public static boolean isInputTag(String tag) {
        return tag.startsWith(INPUT_TAG_PREFIX);
    }
}
