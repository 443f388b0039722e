package io.imagegraph.core.upstream;

import java.util.Optional;

/**
 * A tag pushed to an upstream repository, as a registry's webhook tells it.
 *
 * @param repository the repository, canonical
 * @param tag        the tag pushed
 * @param digest     the manifest digest, when the payload says it (Quay and Docker Hub do not)
 * @param via        which payload format said it: {@code webhook:distribution}, {@code webhook:quay}, {@code webhook:dockerhub}
 */
public record UpstreamPush(UpstreamRef repository, String tag, Optional<String> digest, String via) {

    public String reference() {
        return repository + ":" + tag;
    }
}
