package io.imagegraph.core.pipeline;

import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.ref.InvalidReferenceException;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.registry.DistributionRegistries;
import io.imagegraph.core.registry.DockerConfigCredentials;
import io.imagegraph.core.registry.DockerConfigOverlay;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.RegistryCredentials;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.registry.RetryPolicy;
import io.imagegraph.core.run.RunRequestException;
import io.imagegraph.core.state.StateDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a Pipeline step's work runs, on the agent: the build's environment variables (with the
 * {@code DOCKER_HOST} and {@code DOCKER_CONFIG} that docker-workflow's {@code withDockerServer}
 * and {@code withRegistry} set, so existing Jenkinsfiles compose), the registry logins of the
 * step's credentials written over docker's configuration for as long as the step runs, and the
 * registries spoken to over plain HTTP. docker, buildah and image-graph's own registry client all
 * use the same logins. Closing it deletes the logins.
 */
public final class StepEnvironment implements AutoCloseable {

    /** The variables docker and buildah take from the build's environment. */
    private static final List<String> DOCKER_VARIABLES = List.of("DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_TLS_VERIFY",
            "DOCKER_CERT_PATH", "DOCKER_CONFIG", "REGISTRY_AUTH_FILE", "BUILDAH_ISOLATION", "STORAGE_DRIVER");

    /**
     * What the plugin hands over.
     *
     * @param variables       the build's environment variables
     * @param logins          registry host → credentials (the step's credentialsId, the configured registries')
     * @param plainHttpHosts  registries spoken to over plain HTTP (loopback ones always are)
     * @param temporaryFolder where the logins are written while the step runs (the workspace's @tmp folder)
     */
    public record Settings(Map<String, String> variables, Map<String, RegistryCredentials> logins,
                           Set<String> plainHttpHosts, Path temporaryFolder) {

        public Settings {
            variables = Map.copyOf(variables);
            logins = Map.copyOf(logins);
            plainHttpHosts = Set.copyOf(plainHttpHosts);
        }
    }

    private final ProcessRunner runner;
    private final Map<String, String> variables;
    private final Optional<DockerConfigOverlay> overlay;
    private final Path configFile;
    private final Set<String> plainHttpHosts;
    private final Path temporaryFolder;

    private StepEnvironment(ProcessRunner runner, Map<String, String> variables, Optional<DockerConfigOverlay> overlay,
                            Path configFile, Set<String> plainHttpHosts, Path temporaryFolder) {
        this.temporaryFolder = temporaryFolder;
        this.runner = runner;
        this.variables = variables;
        this.overlay = overlay;
        this.configFile = configFile;
        this.plainHttpHosts = plainHttpHosts;
    }

    /**
     * Writes the logins, when there are any, over the configuration docker would use.
     *
     * @throws RunRequestException when a login names something that is not a registry host
     * @throws RegistryException   when docker's configuration cannot be read
     */
    public static StepEnvironment open(Settings settings, ProcessRunner runner)
            throws RunRequestException, RegistryException, IOException {
        Path base = DockerConfigCredentials.defaultLocation(settings.variables());
        if (settings.logins().isEmpty()) {
            return new StepEnvironment(runner, settings.variables(), Optional.empty(), base, settings.plainHttpHosts(),
                    settings.temporaryFolder());
        }
        Map<RegistryHost, RegistryCredentials> logins = new LinkedHashMap<>();
        for (Map.Entry<String, RegistryCredentials> login : settings.logins().entrySet()) {
            try {
                logins.put(RegistryHost.parse(login.getKey()), login.getValue());
            } catch (InvalidReferenceException e) {
                throw new RunRequestException("the credentials are for " + e.getMessage());
            }
        }
        DockerConfigOverlay overlay = DockerConfigOverlay.write(settings.temporaryFolder(), base, logins);
        return new StepEnvironment(runner, settings.variables(), Optional.of(overlay), overlay.configFile(),
                settings.plainHttpHosts(), settings.temporaryFolder());
    }

    /** Runs the step's processes on the agent. */
    public ProcessRunner runner() {
        return runner;
    }

    /** The build's environment variables. */
    public Map<String, String> variables() {
        return variables;
    }

    /**
     * The variables docker and buildah get besides the runner's own: the build's Docker ones, and
     * {@code DOCKER_CONFIG} naming the logins when the step has credentials.
     */
    public Map<String, String> toolEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String name : DOCKER_VARIABLES) {
            String value = variables.get(name);
            if (value != null && !value.isEmpty()) {
                environment.put(name, value);
            }
        }
        overlay.ifPresent(logins -> environment.put("DOCKER_CONFIG", logins.folder().toString()));
        return environment;
    }

    /** Registries with the step's logins, else the credentials of docker's configuration. */
    public Registries registries() throws RegistryException {
        return new DistributionRegistries(DockerConfigCredentials.read(configFile, runner), plainHttpHosts,
                RetryPolicy.standard());
    }

    /** Where the step's file secrets are written while it runs (the workspace's @tmp folder). */
    public Path secretsFolder() {
        return temporaryFolder;
    }

    /** The state folder of the graph at {@code root}: {@code IMAGEGRAPH_STATE}, else {@code <root>/.imagegraph}. */
    public StateDirectory state(Path root) {
        return StateDirectory.forGraph(root, variables);
    }

    /** Deletes the logins written for the step. */
    @Override
    public void close() throws IOException {
        if (overlay.isPresent()) {
            overlay.get().close();
        }
    }
}
