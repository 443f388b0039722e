package io.imagegraph.core.retention;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which versions (distinct digests) of a repository to keep: the newest {@code keep}, every one
 * younger than {@code minAge}, and every one a protected tag points at. Everything else may go.
 *
 * @param keep          how many of the newest digests to keep whatever their tags
 * @param minAge        digests younger than this are kept
 * @param protectedTags a digest any tag matching one of these points at is kept
 */
public record RetentionPolicy(int keep, Duration minAge, List<Pattern> protectedTags) {

    public static final int DEFAULT_KEEP = 10;
    public static final Duration DEFAULT_MIN_AGE = Duration.ofDays(7);
    /** {@code latest}, {@code stable} and version-like release tags ({@code 1.2}, {@code v2026.2.1}). */
    public static final List<String> DEFAULT_PROTECTED = List.of("latest", "stable", "v?\\d+(\\.\\d+)+");

    public RetentionPolicy {
        if (keep < 0) {
            throw new IllegalArgumentException("keep cannot be negative, not " + keep);
        }
        if (minAge.isNegative()) {
            throw new IllegalArgumentException("minAge cannot be negative");
        }
        protectedTags = List.copyOf(protectedTags);
    }

    public static RetentionPolicy defaults() {
        return new RetentionPolicy(DEFAULT_KEEP, DEFAULT_MIN_AGE,
                DEFAULT_PROTECTED.stream().map(Pattern::compile).toList());
    }

    /** The pattern that protects this tag (a whole-tag match), if one does. */
    public java.util.Optional<Pattern> protecting(String tag) {
        return protectedTags.stream().filter(p -> p.matcher(tag).matches()).findFirst();
    }
}
