package io.imagegraph.core.track;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A vulnerability's severity, as scanners grade it, from least to most severe. */
public enum Severity {
    UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL;

    /**
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Severity parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a severity; use one of "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    public boolean isAtLeast(Severity threshold) {
        return compareTo(threshold) >= 0;
    }
}
