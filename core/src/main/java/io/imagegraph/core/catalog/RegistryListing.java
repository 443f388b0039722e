package io.imagegraph.core.catalog;

import java.util.List;

/**
 * How the catalog found one registry's repositories.
 *
 * @param registry     the registry host
 * @param listed       whether the registry listed them itself ({@code /v2/_catalog})
 * @param note         in words: how many, or why the registry's own list was not used
 * @param repositories the repositories looked at
 */
public record RegistryListing(String registry, boolean listed, String note, List<String> repositories) {

    public RegistryListing {
        repositories = List.copyOf(repositories);
    }
}
