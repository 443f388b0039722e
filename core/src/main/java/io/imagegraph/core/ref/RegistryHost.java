package io.imagegraph.core.ref;

import java.util.regex.Pattern;

/**
 * A registry host as image references name it: {@code quay.io}, {@code 127.0.0.1:5000},
 * {@code localhost}, {@code [::1]:5000}. It needs a dot, a port or to be {@code localhost}:
 * otherwise docker reads the first path component as part of the repository, not as a host.
 */
public final class RegistryHost {

    private static final Pattern FORM = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
                    + "|\\[[0-9a-fA-F:.]+\\])(?::[0-9]{1,5})?");

    private final String value;

    private RegistryHost(String value) {
        this.value = value;
    }

    public static RegistryHost parse(String text) {
        if (text == null || !FORM.matcher(text).matches()) {
            throw InvalidReferenceException.saying(String.valueOf(text), "'" + text + "' is not a registry host: write"
                    + " host[:port], such as quay.io or 127.0.0.1:5000, without a scheme or path");
        }
        if (!text.contains(".") && !text.contains(":") && !text.equals("localhost")) {
            throw InvalidReferenceException.saying(text, "'" + text + "' would be read as a repository, not a registry"
                    + " host; write a host with a dot or a port, such as registry.example.com or localhost:5000");
        }
        return new RegistryHost(text);
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
        return o instanceof RegistryHost other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
