package io.imagegraph.core.graph;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How an image's build runs, besides what it builds: none of this is an input of the image, so
 * none of it is in its input digest.
 *
 * @param network    the network its RUN steps get (the image's {@code network}, else the graph file's)
 * @param secrets    the secrets its build may mount
 * @param mirrorArgs the build args the graph file's {@code mirrors} give every build
 * @param freshness  the graph file's {@code freshness}: an image whose newest build is older is rebuilt
 */
public record BuildSettings(NetworkMode network, List<BuildSecret> secrets, SortedMap<String, String> mirrorArgs,
                            Optional<Duration> freshness) {

    public BuildSettings {
        secrets = List.copyOf(secrets);
        mirrorArgs = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(mirrorArgs));
    }

    /** Settings without freshness. */
    public BuildSettings(NetworkMode network, List<BuildSecret> secrets, SortedMap<String, String> mirrorArgs) {
        this(network, secrets, mirrorArgs, Optional.empty());
    }

    public static BuildSettings defaults() {
        return new BuildSettings(NetworkMode.DEFAULT, List.of(), new TreeMap<>());
    }

    /** The same settings with another network (the run's {@code --network}). */
    public BuildSettings withNetwork(NetworkMode value) {
        return new BuildSettings(value, secrets, mirrorArgs, freshness);
    }

    /** {@code 24h}, {@code 2d}, {@code 90m} or ISO-8601 ({@code PT24H}); more than zero. */
    public static Duration parseFreshness(String text) {
        Duration value;
        try {
            value = io.imagegraph.core.upstream.UpstreamSettings.parseInterval(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("freshness is a duration such as 24h, 2d or PT12H, not '" + text + "'");
        }
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("freshness must be longer than zero, not '" + text + "'");
        }
        return value;
    }
}
