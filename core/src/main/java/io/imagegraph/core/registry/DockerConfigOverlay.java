package io.imagegraph.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagegraph.core.ref.RegistryHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A docker configuration folder made for one run, holding the run's registry logins over the
 * configuration docker would otherwise use: what a Pipeline step with a {@code credentialsId}
 * hands to docker, buildah and image-graph's own registry client as {@code DOCKER_CONFIG}, as
 * docker-workflow's {@code withRegistry} does. The base configuration's other logins and
 * per-registry credential helpers stay; a login given here replaces the base's entry and helper
 * for that registry. A global {@code credsStore} is left out, because docker would ask it instead
 * of the logins written here. The folder is readable by its owner only and is deleted on close.
 */
public final class DockerConfigOverlay implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE_NAME = "config.json";

    private final Path folder;

    private DockerConfigOverlay(Path folder) {
        this.folder = folder;
    }

    /**
     * Writes a new configuration folder under {@code parent}.
     *
     * @param parent a folder for temporary files (the workspace's {@code @tmp} folder on an agent)
     * @param base   the config.json to start from; a missing file is an empty configuration
     * @param logins the run's credentials by registry host
     * @throws RegistryException when the base cannot be read as a docker configuration
     */
    public static DockerConfigOverlay write(Path parent, Path base, Map<RegistryHost, RegistryCredentials> logins)
            throws IOException, RegistryException {
        ObjectNode config = baseConfig(base);
        config.remove("credsStore");
        ObjectNode auths = config.has("auths") && config.get("auths").isObject()
                ? (ObjectNode) config.get("auths") : config.putObject("auths");
        JsonNode helpers = config.path("credHelpers");
        for (Map.Entry<RegistryHost, RegistryCredentials> login : logins.entrySet()) {
            String host = login.getKey().value();
            removeEntries(auths, host);
            if (helpers instanceof ObjectNode helperEntries) {
                helperEntries.remove(host);
            }
            String pair = login.getValue().username() + ":" + login.getValue().password().reveal();
            auths.putObject(host).put("auth", Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        Files.createDirectories(parent);
        Path folder = posix()
                ? Files.createTempDirectory(parent, "docker-config-", PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")))
                : Files.createTempDirectory(parent, "docker-config-");
        Path file = folder.resolve(FILE_NAME);
        if (posix()) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(config));
        return new DockerConfigOverlay(folder);
    }

    /** The folder, for {@code DOCKER_CONFIG}. */
    public Path folder() {
        return folder;
    }

    /** Its config.json, for {@link DockerConfigCredentials#read}. */
    public Path configFile() {
        return folder.resolve(FILE_NAME);
    }

    /** Deletes the folder and everything docker wrote into it. */
    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (NoSuchFileException gone) {
            // already deleted
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static ObjectNode baseConfig(Path base) throws RegistryException {
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(base));
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw RegistryException.of("read registry credentials", base.toString(), "it is not a JSON object");
        } catch (NoSuchFileException e) {
            return JSON.createObjectNode();
        } catch (IOException e) {
            throw RegistryException.of("read registry credentials", base.toString(), "it is not a readable docker"
                    + " config.json (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /** Removes every auths entry for the host, however it is written (with a scheme, a path). */
    private static void removeEntries(ObjectNode auths, String host) {
        for (Iterator<String> keys = auths.fieldNames(); keys.hasNext(); ) {
            if (DockerConfigCredentials.hostOf(keys.next()).equals(host)) {
                keys.remove();
            }
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
