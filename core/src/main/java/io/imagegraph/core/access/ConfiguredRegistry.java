package io.imagegraph.core.access;

import io.imagegraph.core.registry.RegistrySetting;

/**
 * A registry as an administrator configured it, and where: globally or on one folder (the
 * plugin's folder property). Only the jobs in that folder, at any depth, may use a folder's
 * registry and its credentials.
 *
 * @param folder        the folder's full name ({@code team-a/services}); empty for the global configuration
 * @param setting       the registry
 * @param credentialsId the ID of its credentials, looked up in the folder's context; empty for anonymous
 */
public record ConfiguredRegistry(String folder, RegistrySetting setting, String credentialsId) {

    public ConfiguredRegistry {
        folder = folder == null ? "" : folder.strip();
        credentialsId = credentialsId == null ? "" : credentialsId.strip();
    }

    public static ConfiguredRegistry global(RegistrySetting setting, String credentialsId) {
        return new ConfiguredRegistry("", setting, credentialsId);
    }

    public boolean isGlobal() {
        return folder.isEmpty();
    }

    /** Whether a job (or folder) of this full name is inside the folder, or the registry is global. */
    public boolean reaches(String item) {
        return isGlobal() || item.startsWith(folder + "/");
    }

    /** Where it is configured, for messages. */
    public String place() {
        return isGlobal() ? "the global configuration" : "the folder '" + folder + "'";
    }
}
