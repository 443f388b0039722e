package io.imagegraph.core.registry;

import io.imagegraph.core.ref.RegistryHost;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the credentials for a registry: from a docker {@code config.json} in the CLI, from
 * Jenkins credentials in the plugin. Empty means anonymous access.
 */
@FunctionalInterface
public interface CredentialResolver {

    Optional<RegistryCredentials> credentialsFor(RegistryHost registry) throws RegistryException;

    static CredentialResolver anonymous() {
        return registry -> Optional.empty();
    }

    /** These credentials for this one registry, none for any other. */
    static CredentialResolver of(RegistryHost host, RegistryCredentials credentials) {
        return registry -> registry.equals(host) ? Optional.of(credentials) : Optional.empty();
    }

    /** Each registry's own credentials (as the plugin's global configuration lists them), none for others. */
    static CredentialResolver of(Map<RegistryHost, RegistryCredentials> credentials) {
        Map<RegistryHost, RegistryCredentials> copy = Map.copyOf(credentials);
        return registry -> Optional.ofNullable(copy.get(registry));
    }
}
