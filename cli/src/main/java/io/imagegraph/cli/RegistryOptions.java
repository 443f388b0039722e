package io.imagegraph.cli;

import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.registry.DistributionRegistries;
import io.imagegraph.core.registry.DockerConfigCredentials;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.registry.RetryPolicy;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/** How to reach registries: credentials from a docker config.json, plain HTTP for named hosts. */
final class RegistryOptions {

    @Option(names = "--registry-config", paramLabel = "FILE",
            description = "The docker config.json with the registries' credentials, as 'docker login' writes it"
                    + " (a Quay robot: docker login quay.io -u 'org+robot'), under any name; docker and buildah are"
                    + " run with the same file (DOCKER_CONFIG, REGISTRY_AUTH_FILE). Default: $DOCKER_CONFIG/config.json, else ~/.docker/config.json.")
    Path registryConfig;

    @Option(names = "--plain-http", paramLabel = "HOST", arity = "0..1", fallbackValue = "*",
            description = "Talk plain HTTP to HOST (or, without HOST, to the run's registry). Loopback registries,"
                    + " such as 127.0.0.1:5000 or localhost:5000, always are.")
    java.util.List<String> plainHttp = new java.util.ArrayList<>();

    Path configFile() {
        return registryConfig != null ? registryConfig : DockerConfigCredentials.defaultLocation(System.getenv());
    }

    /**
     * Extra environment for docker and buildah so that they use the same credentials: docker reads
     * {@code $DOCKER_CONFIG/config.json} (a link to FILE when FILE has another name), buildah
     * {@code REGISTRY_AUTH_FILE}.
     */
    Map<String, String> toolEnvironment() {
        return registryConfig == null ? Map.of()
                : Map.of("DOCKER_CONFIG", DockerConfigFolder.of(registryConfig).toString(),
                "REGISTRY_AUTH_FILE", registryConfig.toAbsolutePath().toString());
    }

    Set<String> plainHttpHosts(String runRegistry) {
        Set<String> hosts = new java.util.HashSet<>();
        for (String host : plainHttp) {
            hosts.add(host.equals("*") ? runRegistry : host);
        }
        hosts.remove(null);
        return hosts;
    }

    DistributionRegistries registries(ProcessRunner runner, String runRegistry) throws RegistryException {
        return new DistributionRegistries(DockerConfigCredentials.read(configFile(), runner),
                plainHttpHosts(runRegistry), RetryPolicy.standard());
    }
}
