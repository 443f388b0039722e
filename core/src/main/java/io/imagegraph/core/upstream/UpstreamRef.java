package io.imagegraph.core.upstream;

import io.imagegraph.core.ref.ImageRef;
import io.imagegraph.core.ref.RepositoryName;

/**
 * An upstream repository as registries name it, whatever the Dockerfile wrote: {@code debian:12}
 * is {@code docker.io/library/debian:12}, a reference without a tag is {@code :latest}. Watches,
 * upstream digests and webhook events meet on this form.
 *
 * @param registry   the registry ({@code docker.io} for Docker Hub)
 * @param repository the repository's path there ({@code library/debian})
 */
public record UpstreamRef(String registry, RepositoryName repository) {

    public static final String DOCKER_HUB = "docker.io";

    /** The repository of a reference, in canonical form. */
    public static UpstreamRef of(ImageRef ref) {
        String registry = ref.registry().map(UpstreamRef::canonicalRegistry).orElse(DOCKER_HUB);
        String path = ref.repository().value();
        if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        return new UpstreamRef(registry, RepositoryName.of(path));
    }

    /** The canonical repository and tag of a reference ({@code latest} when it has none). */
    public static String canonical(ImageRef ref) {
        return of(ref) + ":" + ref.tag().orElse("latest");
    }

    private static String canonicalRegistry(String host) {
        return host.equals("index.docker.io") || host.equals("registry-1.docker.io") ? DOCKER_HUB : host;
    }

    @Override
    public String toString() {
        return registry + "/" + repository.value();
    }
}
