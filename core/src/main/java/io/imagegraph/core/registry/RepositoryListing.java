package io.imagegraph.core.registry;

import io.imagegraph.core.ref.RepositoryName;
import java.util.List;
import java.util.Optional;

/**
 * What a registry holds: its repositories ({@code /v2/_catalog}) and each repository's tags, page
 * by page with a page size the caller chooses, following {@code Link: <...>; rel="next"}.
 */
public interface RepositoryListing {

    /**
     * Every repository over all pages; empty when the registry will not list them (401 or 403, as
     * for a Quay robot, or 404 where the catalog is turned off): the caller names them another way.
     */
    Optional<List<String>> repositories(int pageSize) throws RegistryException, InterruptedException;

    /** Every tag of a repository over all pages of {@code pageSize}; empty when the repository is not there. */
    List<String> tags(RepositoryName repository, int pageSize) throws RegistryException, InterruptedException;
}
