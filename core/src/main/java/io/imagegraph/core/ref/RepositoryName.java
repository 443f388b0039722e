package io.imagegraph.core.ref;

import java.util.regex.Pattern;

/**
 * A repository path as the OCI distribution specification allows it: lowercase components of
 * {@code [a-z0-9]} joined by {@code .}, {@code _}, {@code __} or runs of {@code -}, separated by {@code /}.
 */
public final class RepositoryName implements Comparable<RepositoryName> {

    static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern PATH = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    private static final int MAX_LENGTH = 255;

    private final String value;

    private RepositoryName(String value) {
        this.value = value;
    }

    public static RepositoryName of(String text) {
        if (!isValid(text)) {
            throw new InvalidReferenceException(String.valueOf(text), "repository name (" + rule() + ")");
        }
        return new RepositoryName(text);
    }

    public static boolean isValid(String text) {
        return text != null && text.length() <= MAX_LENGTH && PATH.matcher(text).matches();
    }

    /** The rule in words, for error messages. */
    public static String rule() {
        return "lowercase letters and digits, separated by '.', '_', '__' or '-', at most "
                + MAX_LENGTH + " characters";
    }

    /** The last path component: {@code base} for {@code acme/base}. */
    public String lastComponent() {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RepositoryName other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public int compareTo(RepositoryName o) {
        return value.compareTo(o.value);
    }
}
