package io.imagegraph.core.dockerfile;

import io.imagegraph.core.graph.NameSuggestion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code RUN --mount=…} value read as BuildKit reads it: comma-separated fields in CSV quoting,
 * keys case-insensitive ({@code FROM=} is {@code from=}), unknown keys refused, and {@code from}
 * taking no variables (BuildKit: "define alias stage instead").
 */
final class RunMount {

    private static final Set<String> KEYS = Set.of("type", "from", "source", "target", "readonly", "id", "sharing",
            "required", "size", "mode", "uid", "gid", "src", "dst", "destination", "ro", "rw", "readwrite", "env");
    private static final Set<String> FLAG_KEYS = Set.of("readonly", "ro", "readwrite", "rw", "required");
    private static final Set<String> TYPES = Set.of("bind", "cache", "tmpfs", "secret", "ssh");

    private RunMount() {
    }

    /** The {@code from} of a mount, if it names one; errors say what BuildKit would refuse. */
    static Optional<String> from(String mount, int line) throws DockerfileSyntaxException {
        String from = null;
        for (String field : fields(mount, line)) {
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (eq < 0) {
                if (!FLAG_KEYS.contains(key)) {
                    throw new DockerfileSyntaxException(line, "RUN --mount field '" + field + "' must be a key=value pair");
                }
                continue;
            }
            String value = field.substring(eq + 1);
            if (!KEYS.contains(key)) {
                throw new DockerfileSyntaxException(line, "RUN --mount has an unknown key '" + Words.abbreviate(key) + "' in '" + Words.abbreviate(field) + "'"
                        + NameSuggestion.hint(key, KEYS) + "; keys are " + String.join(", ", new java.util.TreeSet<>(KEYS)));
            }
            if (key.equals("type") && !value.contains("$") && !TYPES.contains(value.toLowerCase(Locale.ROOT))) {
                throw new DockerfileSyntaxException(line, "RUN --mount type '" + value + "' is not one of "
                        + String.join(", ", new java.util.TreeSet<>(TYPES)) + NameSuggestion.hint(value, TYPES));
            }
            if (key.equals("from")) {
                int dollar = value.indexOf('$');
                if (dollar >= 0 && dollar != value.length() - 1) {
                    throw new DockerfileSyntaxException(line, "RUN --mount from=" + value + ": BuildKit does not expand"
                            + " variables in 'from'; define a stage (ARG before FROM, then FROM ${…} AS name) and mount from it");
                }
                from = value;
            }
        }
        return Optional.ofNullable(from).filter(value -> !value.isEmpty());
    }

    /** Fields separated by commas; a field that starts with a double quote runs to the closing one ("" is a quote). */
    private static List<String> fields(String mount, int line) throws DockerfileSyntaxException {
        List<String> fields = new ArrayList<>();
        int i = 0;
        while (i <= mount.length()) {
            StringBuilder field = new StringBuilder();
            if (i < mount.length() && mount.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= mount.length()) {
                        throw new DockerfileSyntaxException(line, "RUN --mount=" + mount + " has a quote that is never closed");
                    }
                    char c = mount.charAt(i++);
                    if (c == '"') {
                        if (i < mount.length() && mount.charAt(i) == '"') {
                            field.append('"');
                            i++;
                            continue;
                        }
                        break;
                    }
                    field.append(c);
                }
                while (i < mount.length() && mount.charAt(i) != ',') {
                    field.append(mount.charAt(i++));
                }
            } else {
                while (i < mount.length() && mount.charAt(i) != ',') {
                    field.append(mount.charAt(i++));
                }
            }
            fields.add(field.toString());
            i++;
        }
        fields.removeIf(String::isEmpty);
        return fields;
    }
}
