package io.imagegraph.core.promote;

import io.imagegraph.core.ref.RepositoryName;

/**
 * A repository in a registry: {@code quay.io} + {@code acme/keystone}.
 *
 * @param registry   the registry's name, as {@link io.imagegraph.core.registry.Registries} resolves it
 * @param repository the repository's path in it
 */
public record ImageLocation(String registry, RepositoryName repository) {

    @Override
    public String toString() {
        return registry + "/" + repository;
    }
}
