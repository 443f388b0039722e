package io.imagegraph.core.access;

import io.imagegraph.core.run.RunRequestException;
import java.util.Map;
import java.util.Optional;

/**
 * The registry hosts a job may not use, each with the sentence that says why
 * ({@link RegistryScope#refusals()}): what a step's work on the agent checks once it knows the
 * registry it pushes or promotes to.
 */
public final class RegistryRefusals {

    private static final RegistryRefusals NONE = new RegistryRefusals(Map.of());

    private final Map<String, String> byHost;

    private RegistryRefusals(Map<String, String> byHost) {
        this.byHost = Map.copyOf(byHost);
    }

    public static RegistryRefusals none() {
        return NONE;
    }

    public static RegistryRefusals of(Map<String, String> byHost) {
        return byHost.isEmpty() ? NONE : new RegistryRefusals(byHost);
    }

    /**
     * @param host the registry the step would use, when it uses one
     * @throws RunRequestException naming the registry and the folder it belongs to
     */
    public void check(Optional<String> host) throws RunRequestException {
        if (host.isPresent() && byHost.containsKey(host.get())) {
            throw new RunRequestException(byHost.get(host.get()));
        }
    }
}
