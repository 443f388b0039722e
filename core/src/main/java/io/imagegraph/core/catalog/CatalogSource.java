package io.imagegraph.core.catalog;

import java.util.List;

/**
 * A registry to catalog and the repositories image-graph already knows there (from the graph,
 * the upstream watches and the state), used when the registry will not list its own.
 *
 * @param registry the registry host
 * @param known    repositories known without asking the registry
 */
public record CatalogSource(String registry, List<String> known) {

    public CatalogSource {
        known = List.copyOf(known);
    }
}
