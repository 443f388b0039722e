package io.imagegraph.core.promote;

import io.imagegraph.core.ref.RepositoryName;
import java.util.List;
import java.util.Optional;

/**
 * Where promoted images go: the tags to move, and optionally another registry and another
 * namespace (the repository's last component is kept: {@code ci/keystone} into namespace
 * {@code release} is {@code release/keystone}).
 *
 * @param tags      the tags to point at each tested digest ({@code latest}, {@code 2026.2})
 * @param registry  another registry, or the source's
 * @param namespace another namespace, or the source's repository as it is
 */
public record PromotionTarget(List<String> tags, Optional<String> registry, Optional<String> namespace) {

    public PromotionTarget {
        tags = List.copyOf(tags);
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("a promotion needs at least one tag to move");
        }
    }

    public static PromotionTarget tags(String... tags) {
        return new PromotionTarget(List.of(tags), Optional.empty(), Optional.empty());
    }

    /** Where an image from {@code source} is promoted to. */
    public ImageLocation locationFor(ImageLocation source) {
        RepositoryName repository = namespace.map(ns -> RepositoryName.of(ns + "/" + source.repository().lastComponent()))
                .orElse(source.repository());
        return new ImageLocation(registry.orElse(source.registry()), repository);
    }
}
