package io.imagegraph.core.catalog;

import java.util.List;

/**
 * Every registry's repositories and tags, with what image-graph knows of each digest.
 *
 * @param registries how each registry's repositories were found
 * @param entries    one entry a tag, by registry, repository and tag
 * @param problems   what could not be read (a repository whose tags the registry refused), in words
 */
public record Catalog(List<RegistryListing> registries, List<CatalogEntry> entries, List<String> problems) {

    public Catalog {
        registries = List.copyOf(registries);
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    public Catalog filtered(CatalogFilter filter) {
        return new Catalog(registries, entries.stream().filter(filter::admits).toList(), problems);
    }
}
