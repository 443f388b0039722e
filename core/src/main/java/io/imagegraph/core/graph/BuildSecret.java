package io.imagegraph.core.graph;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A secret a build may read ({@code RUN --mount=type=secret,id=ID}), named in the graph file as
 * {@code {id: pip_conf, env: PIP_CONF}} or {@code {id: pip_conf, file: PATH}}. Only where the value
 * comes from is written down; the value itself reaches the builder through its own secret channel
 * ({@code --secret}), never as a build arg, label, log line or argument.
 *
 * @param id   the id the Dockerfile mounts it by
 * @param env  the environment variable holding it, or null
 * @param file the file holding it (absolute, or relative to the graph root), or null
 */
public record BuildSecret(String id, String env, String file) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public BuildSecret {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a secret needs an 'id' of letters, digits, '.', '_' and '-'"
                    + (id == null ? "" : ", not '" + id + "'"));
        }
        if ((env == null) == (file == null)) {
            throw new IllegalArgumentException("secret '" + id + "' needs exactly one of 'env' (an environment variable)"
                    + " or 'file' (a path) saying where its value is");
        }
        if (env != null && !VARIABLE.matcher(env).matches()) {
            throw new IllegalArgumentException("secret '" + id + "': '" + env + "' is not an environment variable name");
        }
    }

    public Optional<String> environmentVariable() {
        return Optional.ofNullable(env);
    }

    /** The file holding the value, resolved against the graph root. */
    public Optional<Path> file(Path root) {
        return Optional.ofNullable(file).map(root::resolve);
    }
}
