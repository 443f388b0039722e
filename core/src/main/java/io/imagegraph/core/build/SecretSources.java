package io.imagegraph.core.build;

import io.imagegraph.core.graph.BuildSecret;
import java.util.Map;
import java.util.Set;

/**
 * Where the run reads secrets from instead of where the graph file says, by secret id: a Jenkins
 * step's credentials, written for the step's duration as an environment variable of the builder's
 * process or a file only the agent's user reads. An image still names the secrets its build mounts
 * in the graph file; only their source changes.
 */
public final class SecretSources {

    private static final SecretSources NONE = new SecretSources(Map.of());

    private final Map<String, BuildSecret> byId;

    private SecretSources(Map<String, BuildSecret> byId) {
        this.byId = Map.copyOf(byId);
    }

    public static SecretSources none() {
        return NONE;
    }

    /** @param byId secret id → where its value is (the {@link BuildSecret}'s id must be the key) */
    public static SecretSources of(Map<String, BuildSecret> byId) {
        byId.forEach((id, source) -> {
            if (!id.equals(source.id())) {
                throw new IllegalArgumentException("the source of secret '" + id + "' is for '" + source.id() + "'");
            }
        });
        return new SecretSources(byId);
    }

    /** The source the run uses for a secret the graph file declares. */
    public BuildSecret sourceOf(BuildSecret declared) {
        return byId.getOrDefault(declared.id(), declared);
    }

    public Set<String> ids() {
        return byId.keySet();
    }
}
