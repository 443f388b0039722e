package io.imagegraph.core.graph;

import io.imagegraph.core.ref.ImageRef;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether an image reference names an image of the graph. It does when it is a bare name
 * of the graph ({@code base}, {@code base:2024}), or lies under the configured namespace
 * ({@code acme/base}) and, if it names a registry, the configured registry
 * ({@code quay.io/acme/base:latest}). Any other reference is an external base.
 */
final class ReferenceClassifier {

    /** What a reference turned out to be. */
    sealed interface Kind permits Internal, External, MissingInternal {
    }

    /** An image of the graph. */
    record Internal(String name) implements Kind {
    }

    /** An image from elsewhere. */
    record External() implements Kind {
    }

    /** Under the graph's registry and namespace, but no image of the graph has that name. */
    record MissingInternal(String name) implements Kind {
    }

    private final Optional<String> registry;
    private final Optional<String> namespace;
    private final Set<String> names;

    ReferenceClassifier(Optional<String> registry, Optional<String> namespace, Set<String> names) {
        this.registry = registry;
        this.namespace = namespace;
        this.names = names;
    }

    Kind classify(ImageRef ref) {
        String repository = ref.repository().value();
        if (ref.registry().isEmpty()) {
            if (names.contains(repository)) {
                return new Internal(repository);
            }
            return namespace.flatMap(ns -> withoutPrefix(repository, ns)).map(this::byName).orElse(new External());
        }
        if (registry.isPresent() && registry.get().equals(ref.registry().get())) {
            Optional<String> name = namespace.isEmpty() ? Optional.of(repository)
                    : withoutPrefix(repository, namespace.get());
            return name.map(this::byName).orElse(new External());
        }
        return new External();
    }

    private static Optional<String> withoutPrefix(String repository, String namespace) {
        String prefix = namespace + "/";
        return repository.startsWith(prefix) ? Optional.of(repository.substring(prefix.length())) : Optional.empty();
    }

    private Kind byName(String name) {
        return names.contains(name) ? new Internal(name) : new MissingInternal(name);
    }
}
