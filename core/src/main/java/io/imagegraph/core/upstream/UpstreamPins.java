package io.imagegraph.core.upstream;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.ImageRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The digests builds pin external bases to: for each unpinned base, the digest its watch last
 * saw. A fixed-tag watch pins {@code debian:12} to {@code debian:12@sha256:…}; a policy watch of
 * the repository pins it to the tag the policy chose ({@code alpine:3.20.3} to
 * {@code alpine:3.20.4@sha256:…}). A base with no watch data, or already pinned, is left as written.
 */
public final class UpstreamPins {

    private final Map<String, UpstreamDigest> byWatch;
    private final List<UpstreamWatch> policies;

    private UpstreamPins(Map<String, UpstreamDigest> byWatch, List<UpstreamWatch> policies) {
        this.byWatch = Map.copyOf(byWatch);
        this.policies = List.copyOf(policies);
    }

    public static UpstreamPins none() {
        return new UpstreamPins(Map.of(), List.of());
    }

    /**
     * @param current  the latest digest of each watch ({@link UpstreamState#current()})
     * @param settings the graph's configured watches, whose policies apply to any tag of their repository
     */
    public static UpstreamPins of(Map<String, UpstreamDigest> current, UpstreamSettings settings) {
        return new UpstreamPins(current, settings.watches().stream().filter(UpstreamWatch::isPolicy).toList());
    }

    /** The reference to build from instead of {@code base}, when a watch knows its digest. */
    public Optional<ImageRef> pin(ImageRef base) {
        if (base.isPinned()) {
            return Optional.empty();
        }
        UpstreamRef repository = UpstreamRef.of(base);
        for (UpstreamWatch policy : policies) {
            UpstreamDigest seen = byWatch.get(policy.key());
            if (policy.repository().equals(repository) && seen != null) {
                return Optional.of(base.withTag(seen.tag()).withDigest(Digest.of(seen.digest())));
            }
        }
        UpstreamDigest seen = byWatch.get(UpstreamRef.canonical(base));
        return seen == null ? Optional.empty() : Optional.of(base.withDigest(Digest.of(seen.digest())));
    }

    /** The base as a build uses it: pinned when a watch knows it, else as written. */
    public ImageRef resolve(ImageRef base) {
        return pin(base).orElse(base);
    }
}
