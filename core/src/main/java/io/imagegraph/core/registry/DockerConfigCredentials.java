package io.imagegraph.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.process.CapturedRun;
import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import io.imagegraph.core.ref.RegistryHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from a docker {@code config.json}, as {@code docker login} writes them: an
 * {@code auths} entry (base64 {@code auth}, or {@code username} and {@code password}), or a
 * credential helper ({@code credHelpers} for the host, else {@code credsStore}) asked with
 * {@code docker-credential-<helper> get}, the host on its standard input.
 */
public final class DockerConfigCredentials implements CredentialResolver {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final JsonNode config;
    private final ProcessRunner runner;

    private DockerConfigCredentials(Path file, JsonNode config, ProcessRunner runner) {
        this.file = file;
        this.config = config;
        this.runner = runner;
    }

    /** Reads a config.json; a missing file means no credentials, an unreadable one is an error now. */
    public static DockerConfigCredentials read(Path file, ProcessRunner runner) throws RegistryException {
        try {
            return new DockerConfigCredentials(file, JSON.readTree(Files.readAllBytes(file)), runner);
        } catch (NoSuchFileException e) {
            return new DockerConfigCredentials(file, JSON.createObjectNode(), runner);
        } catch (IOException e) {
            throw RegistryException.of("read registry credentials", file.toString(), "it is not a readable docker"
                    + " config.json (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /** {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}, as docker looks for it. */
    public static Path defaultLocation(Map<String, String> environment) {
        String dir = environment.get("DOCKER_CONFIG");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir, "config.json");
        }
        return Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")), ".docker", "config.json");
    }

    @Override
    public Optional<RegistryCredentials> credentialsFor(RegistryHost registry) throws RegistryException {
        String host = registry.value();
        String helper = config.path("credHelpers").path(host).asText(config.path("credsStore").asText(""));
        Optional<JsonNode> entry = authEntry(host);
        if (entry.isPresent()) {
            return Optional.of(fromEntry(host, entry.get()));
        }
        if (!helper.isEmpty()) {
            return fromHelper(host, helper);
        }
        return Optional.empty();
    }

    private Optional<JsonNode> authEntry(String host) {
        JsonNode auths = config.path("auths");
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (hostOf(entry.getKey()).equals(host)
                    && (entry.getValue().hasNonNull("auth") || entry.getValue().hasNonNull("username")
                    || entry.getValue().hasNonNull("identitytoken"))) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    private RegistryCredentials fromEntry(String host, JsonNode entry) throws RegistryException {
        String action = "read the credentials for " + host;
        if (entry.hasNonNull("identitytoken") && !entry.path("identitytoken").asText().isEmpty()) {
            throw RegistryException.of(action, file.toString(), "its entry holds an identity token (an OAuth login),"
                    + " which image-graph does not use; log in with a user name and password or a robot token");
        }
        if (entry.hasNonNull("auth") && !entry.path("auth").asText().isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(entry.path("auth").asText()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw RegistryException.of(action, file.toString(), "its \"auth\" value is not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw RegistryException.of(action, file.toString(), "its \"auth\" value is not base64 of user:password");
            }
            return RegistryCredentials.of(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
        return RegistryCredentials.of(entry.path("username").asText(), entry.path("password").asText(""));
    }

    private Optional<RegistryCredentials> fromHelper(String host, String helper) throws RegistryException {
        String program = "docker-credential-" + helper;
        String action = "get the credentials for " + host + " from " + program;
        CapturedRun run;
        try {
            run = CapturedRun.run(runner, new ProcessSpec(List.of(program, "get"), Map.of(), Optional.empty(),
                    Optional.of(host.getBytes(StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw RegistryException.of(action, file.toString(), "cannot run it (" + e.getMessage() + "); install it"
                    + " or remove \"" + helper + "\" from the config");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.of(action, file.toString(), "interrupted");
        }
        if (!run.succeeded()) {
            if (run.stdout().contains("credentials not found") || run.stderr().contains("credentials not found")) {
                return Optional.empty();
            }
            throw RegistryException.of(action, file.toString(), "it exited with " + run.exitCode());
        }
        try {
            JsonNode answer = JSON.readTree(run.stdout());
            String user = answer.path("Username").asText("");
            if (user.equals("<token>")) {
                throw RegistryException.of(action, file.toString(), "it returned an identity token (an OAuth login),"
                        + " which image-graph does not use");
            }
            return user.isEmpty() ? Optional.empty() : Optional.of(RegistryCredentials.of(user,
                    answer.path("Secret").asText("")));
        } catch (IOException e) {
            throw RegistryException.of(action, file.toString(), "its answer is not JSON");
        }
    }

    /**
     * The host of an {@code auths} key: {@code https://index.docker.io/v1/}, the key
     * {@code docker login} writes for Docker Hub, is {@code docker.io}, as references name it.
     */
    static String hostOf(String key) {
        String host = key;
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        }
        int slash = host.indexOf('/');
        host = slash >= 0 ? host.substring(0, slash) : host;
        return host.equals("index.docker.io") || host.equals("registry-1.docker.io") ? "docker.io" : host;
    }
}
