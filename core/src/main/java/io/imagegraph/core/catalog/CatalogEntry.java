package io.imagegraph.core.catalog;

import java.util.List;
import java.util.Optional;

/**
 * One tag of the catalog and what image-graph knows of the digest it points at.
 *
 * @param registry   the registry host
 * @param repository the repository
 * @param tag        the tag
 * @param digest     the manifest digest it points at
 * @param since      when the tag moved there, as the tag history recorded it (ISO-8601), when known
 * @param promoted   a promotion moved a tag to this digest
 * @param tested     a smoke-test gate passed at this digest
 * @param held       why it is held (directly, or through a held ancestor by lineage), when it is
 * @param deployedIn the environments whose current deployment is this digest
 * @param attested   attestations refer to it (the referrers API or the {@code sha256-<hex>} tag)
 * @param runId      the build run that produced it, when the lineage knows
 */
public record CatalogEntry(String registry, String repository, String tag, String digest, Optional<String> since,
                           boolean promoted, boolean tested, Optional<String> held, List<String> deployedIn,
                           boolean attested, Optional<String> runId) {

    public CatalogEntry {
        deployedIn = List.copyOf(deployedIn);
    }

    public boolean deployed() {
        return !deployedIn.isEmpty();
    }

    /** {@code registry/repository}, as tag history and deployments name it. */
    public String location() {
        return registry + "/" + repository;
    }
}
