package io.imagegraph.core.pipeline;

import io.imagegraph.core.registry.DistributionRegistry;
import io.imagegraph.core.registry.RegistryCredentials;
import io.imagegraph.core.testing.LoopbackRegistry;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A loopback registry that wants the robot's password (as Quay does), started for a test class. */
final class RobotRegistry implements BeforeAllCallback, AfterAllCallback {

    private LoopbackRegistry server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = StepFixture.registry();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
    }

    String host() {
        return server.host();
    }

    DistributionRegistry client() {
        return StepFixture.client(server);
    }

    Map<String, RegistryCredentials> login() {
        return StepFixture.robotLogin(server);
    }
}
