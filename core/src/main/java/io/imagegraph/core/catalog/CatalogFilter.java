package io.imagegraph.core.catalog;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which entries to show: only held ones, only deployed ones (both: "am I running anything
 * vulnerable?"), only repositories matching a pattern ({@code registry/repository} or the repository alone).
 */
public record CatalogFilter(boolean held, boolean deployed, Optional<Pattern> repository) {

    public static CatalogFilter all() {
        return new CatalogFilter(false, false, Optional.empty());
    }

    public boolean admitsRepository(String registry, String repository) {
        return this.repository.map(p -> p.matcher(repository).find() || p.matcher(registry + "/" + repository).find())
                .orElse(true);
    }

    public boolean admits(CatalogEntry entry) {
        return (!held || entry.held().isPresent()) && (!deployed || entry.deployed())
                && admitsRepository(entry.registry(), entry.repository());
    }
}
