package io.imagegraph.core.promote;

import io.imagegraph.core.build.ImageNames;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.ref.RepositoryName;
import java.util.List;

/**
 * A repository in a registry: {@code quay.io} + {@code acme/keystone}.
 *
 * @param registry   the registry's name, as {@link io.imagegraph.core.registry.Registries} resolves it
 * @param repository the repository's path in it
 */
public record ImageLocation(String registry, RepositoryName repository) {

    /** Where every image of the graph lives in the given registry, in the graph's order. */
    public static List<ImageLocation> ofGraph(ImageGraph graph, String registry) {
        return graph.nodes().keySet().stream()
                .map(image -> new ImageLocation(registry, ImageNames.path(graph, image)))
                .toList();
    }

    @Override
    public String toString() {
        return registry + "/" + repository;
    }
}
