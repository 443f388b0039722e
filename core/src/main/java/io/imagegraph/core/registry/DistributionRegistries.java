package io.imagegraph.core.registry;

import io.imagegraph.core.ref.InvalidReferenceException;
import io.imagegraph.core.ref.RegistryHost;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link DistributionRegistry} a host, made on first use with the given credentials and kept,
 * so that its token cache and connections serve every call of a run.
 */
public final class DistributionRegistries implements Registries {

    private final CredentialResolver credentials;
    private final Set<String> plainHttpHosts;
    private final RetryPolicy retry;
    private final Map<String, Registry> clients = new ConcurrentHashMap<>();

    public DistributionRegistries(CredentialResolver credentials, Set<String> plainHttpHosts, RetryPolicy retry) {
        this.credentials = credentials;
        this.plainHttpHosts = Set.copyOf(plainHttpHosts);
        this.retry = retry;
    }

    @Override
    public Registry named(String registry) throws RegistryException {
        Registry known = clients.get(registry);
        if (known != null) {
            return known;
        }
        RegistryHost host;
        try {
            host = RegistryHost.parse(registry);
        } catch (InvalidReferenceException e) {
            throw RegistryException.of("connect", registry, e.getMessage());
        }
        return clients.computeIfAbsent(registry, name -> DistributionRegistry.of(
                RegistryEndpoint.of(host, plainHttpHosts), credentials, retry));
    }
}
