package io.imagegraph.core.pipeline;

import io.imagegraph.core.graph.LoadOptions;
import io.imagegraph.core.plan.Selection;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.registry.CredentialResolver;
import io.imagegraph.core.registry.DistributionRegistry;
import io.imagegraph.core.registry.RegistryCredentials;
import io.imagegraph.core.registry.RegistryEndpoint;
import io.imagegraph.core.testing.DockerDaemon;
import io.imagegraph.core.testing.GitRepo;
import io.imagegraph.core.testing.LoopbackRegistry;
import io.imagegraph.core.testing.RegistryExtension;
import io.imagegraph.core.testing.TwoImageGraph;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the step tests share: a registry that wants a robot's password (as Quay does), a graph in
 * a git checkout (base from busybox, app FROM base, with a smoke test each), and the environment
 * a Pipeline step would hand over.
 */
final class StepFixture {

    static final String ROBOT = "acme+ci";
    static final String TOKEN = "robot-token-123";

    private StepFixture() {
    }

    static LoopbackRegistry registry() throws Exception {
        return LoopbackRegistry.withHtpasswd(ROBOT, TOKEN);
    }

    /** A client of the registry with the robot's credentials, to check what the steps pushed. */
    static DistributionRegistry client(LoopbackRegistry registry) {
        RegistryHost host = RegistryHost.parse(registry.host());
        return DistributionRegistry.of(RegistryEndpoint.of(host),
                CredentialResolver.of(host, RegistryCredentials.of(ROBOT, TOKEN)), RegistryExtension.QUICK);
    }

    /** The graph, committed on main in a git repository at {@code root}; namespace unique to the test. */
    static GitRepo graph(Path root, String registry) throws Exception {
        return TwoImageGraph.write(root, registry, "steps");
    }

    /** The step's environment: the test daemon as DOCKER_HOST, with these variables and logins. */
    static StepEnvironment environment(Path temporary, Map<String, String> variables,
                                       Map<String, RegistryCredentials> logins) throws Exception {
        Map<String, String> all = new HashMap<>(DockerDaemon.shared().environment());
        all.put("HOME", temporary.resolve("home").toString());
        all.putAll(variables);
        return StepEnvironment.open(new StepEnvironment.Settings(all, logins, Set.of(), temporary),
                new LocalProcessRunner());
    }

    static Map<String, RegistryCredentials> robotLogin(LoopbackRegistry registry) {
        return Map.of(registry.host(), RegistryCredentials.of(ROBOT, TOKEN));
    }

    static BuildWork.Request buildEverything(Path root, List<String> tags) {
        return new BuildWork.Request(root, LoadOptions.defaults(), Selection.all(), Optional.empty(), true,
                Optional.empty(), tags, List.of(), 2, false, false, 0, "docker", "buildah", List.of());
    }
}
