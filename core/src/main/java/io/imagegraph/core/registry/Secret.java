package io.imagegraph.core.registry;

import java.util.Objects;

/**
 * A password or token. It prints as {@code ****} wherever it ends up (a message, a record's
 * {@code toString}, a report), so only code that asks for {@link #reveal()} ever sees it.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "secret"));
    }

    /** The secret itself, for an Authorization header or a helper's standard input; never for a message. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return "****";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
