package io.imagegraph.core.testing;

import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.registry.CredentialResolver;
import io.imagegraph.core.registry.DistributionRegistries;
import io.imagegraph.core.registry.DistributionRegistry;
import io.imagegraph.core.registry.RegistryEndpoint;
import io.imagegraph.core.registry.RetryPolicy;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A loopback CNCF registry for a whole test class, started before its first test and stopped
 * after its last: {@code @RegisterExtension static final RegistryExtension REGISTRY = new RegistryExtension();}
 * Tests keep apart by using repositories of their own.
 */
public final class RegistryExtension implements BeforeAllCallback, AfterAllCallback {

    /** Retries quick enough for tests that provoke failures. */
    public static final RetryPolicy QUICK = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10));

    private LoopbackRegistry server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = LoopbackRegistry.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
    }

    public String host() {
        return server.host();
    }

    /** An anonymous client of the registry (call it from a test, not a static initialiser: the registry starts before the first test). */
    public DistributionRegistry client() {
        return DistributionRegistry.of(RegistryEndpoint.of(RegistryHost.parse(server.host())),
                CredentialResolver.anonymous());
    }

    /** Anonymous clients of any registry, with {@link #QUICK} retries. */
    public DistributionRegistries registries() {
        return new DistributionRegistries(CredentialResolver.anonymous(), Set.of(), QUICK);
    }

    /** A repository name no other test uses: {@code <prefix><nanotime>/<name>}. */
    public static String unique(String prefix, String name) {
        return prefix + Long.toHexString(System.nanoTime()) + "/" + name;
    }
}
