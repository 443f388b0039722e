package io.imagegraph.core.registry;

import io.imagegraph.core.ref.RepositoryName;
import java.util.List;

/** Lists a repository's tags. */
public interface TagListing {

    /** Every tag, over all pages, in the registry's order; empty when the repository does not exist. */
    List<String> tags(RepositoryName repository) throws RegistryException, InterruptedException;
}
