package io.imagegraph.core.mutate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The metadata an image's config gets instead of (or besides) its own, without a build: environment
 * variables (set or replaced by name), exposed ports (added), labels (set), and, when given, the
 * entrypoint, command, user and working directory (replaced). Applying the same overrides to the
 * same config always gives the same bytes.
 *
 * @param env        variables to set, by name
 * @param ports      ports to expose, {@code 8080}, {@code 8080/tcp} or {@code 53/udp}
 * @param labels     labels to set
 * @param entrypoint the entrypoint, when it is replaced ({@code null}: kept)
 * @param cmd        the command, when it is replaced ({@code null}: kept)
 * @param user       the user, when it is replaced
 * @param workingDir the working directory, when it is replaced
 */
public record ConfigOverrides(Map<String, String> env, List<String> ports, Map<String, String> labels,
                              List<String> entrypoint, List<String> cmd, String user, String workingDir) {

    private static final Pattern PORT = Pattern.compile("(\\d{1,5})(/(tcp|udp|sctp))?");

    public ConfigOverrides {
        env = env == null ? Map.of() : copy(env, "env");
        ports = ports == null ? List.of() : List.copyOf(ports);
        labels = labels == null ? Map.of() : copy(labels, "labels");
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        cmd = cmd == null ? null : List.copyOf(cmd);
        for (String port : ports) {
            var matcher = port == null ? null : PORT.matcher(port);
            if (matcher == null || !matcher.matches() || Integer.parseInt(matcher.group(1)) > 65535) {
                throw new IllegalArgumentException("'" + port + "' is not a port; write 8080, 8080/tcp or 53/udp");
            }
        }
        for (String name : env.keySet()) {
            if (name.isEmpty() || name.contains("=")) {
                throw new IllegalArgumentException("'" + name + "' is not an environment variable name");
            }
        }
    }

    public boolean isEmpty() {
        return env.isEmpty() && ports.isEmpty() && labels.isEmpty() && entrypoint == null && cmd == null
                && user == null && workingDir == null;
    }

    /** This, with {@code other}'s values over it (an environment's overrides over the graph file's). */
    public ConfigOverrides over(ConfigOverrides base) {
        Map<String, String> mergedEnv = new LinkedHashMap<>(base.env);
        mergedEnv.putAll(env);
        List<String> mergedPorts = new ArrayList<>(base.ports);
        ports.stream().filter(p -> !mergedPorts.contains(p)).forEach(mergedPorts::add);
        Map<String, String> mergedLabels = new LinkedHashMap<>(base.labels);
        mergedLabels.putAll(labels);
        return new ConfigOverrides(mergedEnv, mergedPorts, mergedLabels, entrypoint != null ? entrypoint : base.entrypoint,
                cmd != null ? cmd : base.cmd, user != null ? user : base.user,
                workingDir != null ? workingDir : base.workingDir);
    }

    /**
     * Applies the overrides to an image config (the OCI image config or docker's), in place: the
     * {@code config} object's {@code Env}, {@code ExposedPorts}, {@code Labels}, {@code Entrypoint},
     * {@code Cmd}, {@code User} and {@code WorkingDir}; extra labels (such as the base's digest)
     * go in too.
     */
    public void applyTo(ObjectNode image, Map<String, String> extraLabels) {
        ObjectNode config = image.has("config") && image.get("config").isObject() ? (ObjectNode) image.get("config")
                : image.putObject("config");
        if (!env.isEmpty()) {
            ArrayNode lines = config.has("Env") && config.get("Env").isArray() ? (ArrayNode) config.get("Env")
                    : config.putArray("Env");
            Map<String, String> left = new LinkedHashMap<>(env);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).asText();
                String name = line.contains("=") ? line.substring(0, line.indexOf('=')) : line;
                if (left.containsKey(name)) {
                    lines.set(i, name + "=" + left.remove(name));
                }
            }
            left.forEach((name, value) -> lines.add(name + "=" + value));
        }
        if (!ports.isEmpty()) {
            ObjectNode exposed = config.has("ExposedPorts") && config.get("ExposedPorts").isObject()
                    ? (ObjectNode) config.get("ExposedPorts") : config.putObject("ExposedPorts");
            ports.forEach(port -> exposed.putObject(port.contains("/") ? port : port + "/tcp"));
        }
        Map<String, String> allLabels = new LinkedHashMap<>(labels);
        allLabels.putAll(extraLabels);
        if (!allLabels.isEmpty()) {
            ObjectNode set = config.has("Labels") && config.get("Labels").isObject() ? (ObjectNode) config.get("Labels")
                    : config.putObject("Labels");
            allLabels.forEach(set::put);
        }
        if (entrypoint != null) {
            strings(config.putArray("Entrypoint"), entrypoint);
        }
        if (cmd != null) {
            strings(config.putArray("Cmd"), cmd);
        }
        if (user != null) {
            config.put("User", user);
        }
        if (workingDir != null) {
            config.put("WorkingDir", workingDir);
        }
    }

    /** What is overridden, in words: {@code env LOG_LEVEL, ports 8443/tcp, user}. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        if (!env.isEmpty()) {
            parts.add("env " + String.join(" ", env.keySet()));
        }
        if (!ports.isEmpty()) {
            parts.add("ports " + String.join(" ", ports));
        }
        if (!labels.isEmpty()) {
            parts.add("labels " + String.join(" ", labels.keySet()));
        }
        if (entrypoint != null) {
            parts.add("entrypoint");
        }
        if (cmd != null) {
            parts.add("cmd");
        }
        if (user != null) {
            parts.add("user");
        }
        if (workingDir != null) {
            parts.add("workingDir");
        }
        return parts.isEmpty() ? "nothing" : String.join(", ", parts);
    }

    /** Which contract fields ({@code ports}, {@code env NAME}, {@code entrypoint}…) these overrides set. */
    public List<String> fields() {
        List<String> fields = new ArrayList<>();
        env.keySet().forEach(name -> fields.add("env " + name));
        if (!ports.isEmpty()) {
            fields.add("ports");
        }
        if (entrypoint != null) {
            fields.add("entrypoint");
        }
        if (cmd != null) {
            fields.add("cmd");
        }
        if (user != null) {
            fields.add("user");
        }
        if (workingDir != null) {
            fields.add("workingDir");
        }
        return fields;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static Map<String, String> copy(Map<String, String> map, String field) {
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (value == null) {
                throw new IllegalArgumentException(field + "." + key + " has no value; write an empty string ''"
                        + " to set it empty");
            }
            copy.put(key, value);
        });
        return java.util.Collections.unmodifiableMap(copy);
    }
}
