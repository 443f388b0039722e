package io.imagegraph.core.registry;

import java.time.Duration;

/**
 * How often, and after what pauses, a registry call is tried again after an answer that may pass:
 * 429, a 5xx, or no answer at all. The pause doubles from {@code firstPause} up to
 * {@code longestPause}; a {@code Retry-After} from the registry is honoured up to that bound.
 *
 * @param attempts     how many times a call is sent in all (1 = no retry)
 * @param firstPause   the pause before the second attempt
 * @param longestPause the longest pause between two attempts
 */
public record RetryPolicy(int attempts, Duration firstPause, Duration longestPause) {

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("a registry call needs at least one attempt");
        }
    }

    /** Five attempts, 200 ms apart at first, at most 5 s apart. */
    public static RetryPolicy standard() {
        return new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    /** The pause before attempt {@code attempt + 1}, given the registry's Retry-After if it sent one. */
    public Duration pauseAfter(int attempt, Duration retryAfter) {
        if (retryAfter != null && !retryAfter.isNegative()) {
            return retryAfter.compareTo(longestPause) > 0 ? longestPause : retryAfter;
        }
        long millis = firstPause.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, longestPause.toMillis()));
    }

    public static boolean isRetryableStatus(int status) {
        return status == 429 || status == 408 || status >= 500;
    }
}
