package io.imagegraph.core.mutate;

import java.util.List;
import java.util.Map;

/**
 * One entry of the graph file's {@code mutations} section (or of an environment's overrides file),
 * as written: the image to follow, where the overridden copy goes, and the overrides.
 *
 * @param from       the image followed, by tag ({@code quay.io/openstack/keystone:2024.2})
 * @param to         where the overridden image is pushed, {@code registry/repository:tag}; by default the
 *                   same repository under the tag {@code <from's tag>-<name>}
 * @param env        environment variables to set
 * @param ports      ports to expose
 * @param labels     labels to set
 * @param entrypoint the entrypoint, replaced
 * @param cmd        the command, replaced
 * @param user       the user, replaced
 * @param workingDir the working directory, replaced
 */
public record MutationEntry(String from, String to, Map<String, String> env, List<String> ports,
                            Map<String, String> labels, List<String> entrypoint, List<String> cmd, String user,
                            String workingDir) {

    public MutationEntry {
        overrides(env, ports, labels, entrypoint, cmd, user, workingDir);
    }

    public ConfigOverrides overrides() {
        return overrides(env, ports, labels, entrypoint, cmd, user, workingDir);
    }

    private static ConfigOverrides overrides(Map<String, String> env, List<String> ports, Map<String, String> labels,
                                             List<String> entrypoint, List<String> cmd, String user,
                                             String workingDir) {
        return new ConfigOverrides(env, ports, labels, entrypoint, cmd, user, workingDir);
    }
}
