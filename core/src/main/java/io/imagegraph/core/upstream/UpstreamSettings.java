package io.imagegraph.core.upstream;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How upstream images are watched: the watches a graph file configures (besides the external
 * bases of its FROM lines), the least time between two polls of one watch, and how many requests
 * one pass may send to one registry (Docker Hub and Quay limit anonymous callers).
 *
 * @param interval      a watch polled less than this long ago is not polled again
 * @param requestBudget requests a pass may send to each registry; watches past it wait for the next pass
 * @param watches       the configured watches
 */
public record UpstreamSettings(Duration interval, int requestBudget, List<UpstreamWatch> watches) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
    public static final int DEFAULT_REQUEST_BUDGET = 100;
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([smhd])");

    public UpstreamSettings {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("the interval cannot be negative");
        }
        if (requestBudget < 1) {
            throw new IllegalArgumentException("requestBudget must be at least 1, not " + requestBudget);
        }
        watches = List.copyOf(watches);
    }

    public static UpstreamSettings defaults() {
        return new UpstreamSettings(DEFAULT_INTERVAL, DEFAULT_REQUEST_BUDGET, List.of());
    }

    /**
     * A duration as people write it in a graph file: {@code 30m}, {@code 1h}, {@code 2d},
     * {@code 45s}, or ISO-8601 ({@code PT1H}).
     */
    public static Duration parseInterval(String text) {
        Matcher shorthand = SHORT.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (shorthand.matches()) {
            long amount = Long.parseLong(shorthand.group(1));
            return switch (shorthand.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write it as 30m, 1h, 2d or PT1H");
        }
    }
}
