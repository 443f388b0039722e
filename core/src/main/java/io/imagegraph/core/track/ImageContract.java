package io.imagegraph.core.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.registry.RegistryException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a deployment relies on in an image's config: the ports it exposes, its environment, its
 * entrypoint and command, the user it runs as, its volumes and working directory. Two images with
 * the same contract can replace each other under the same deployment.
 *
 * @param ports      exposed ports ({@code 5000/tcp}), sorted
 * @param env        environment variables, by name
 * @param entrypoint the entrypoint
 * @param cmd        the command
 * @param user       the user ({@code ""} for root by default)
 * @param volumes    volumes, sorted
 * @param workingDir the working directory
 */
public record ImageContract(List<String> ports, Map<String, String> env, List<String> entrypoint, List<String> cmd,
                            String user, List<String> volumes, String workingDir) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One difference between two contracts, in words. */
    public record Change(String field, String before, String after) {

        @Override
        public String toString() {
            return field + ": " + (before == null ? "(none)" : before) + " → " + (after == null ? "(none)" : after);
        }
    }

    /** The contract in an image config blob (the OCI image config, or docker's). */
    public static ImageContract ofConfig(byte[] config) throws IOException {
        JsonNode root = JSON.readTree(config).path("config");
        List<String> ports = new ArrayList<>(new TreeSet<>(names(root.path("ExposedPorts"))));
        Map<String, String> env = new TreeMap<>();
        root.path("Env").forEach(line -> {
            String text = line.asText();
            int equals = text.indexOf('=');
            env.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? "" : text.substring(equals + 1));
        });
        return new ImageContract(ports, env, strings(root.path("Entrypoint")), strings(root.path("Cmd")),
                root.path("User").asText(""), new ArrayList<>(new TreeSet<>(names(root.path("Volumes")))),
                root.path("WorkingDir").asText(""));
    }

    /**
     * The contract of an image in a registry, by tag or digest; for a multi-platform index, of the
     * platform asked for.
     */
    public static ImageContract read(Registry registry, RepositoryName repository, String reference, String os,
                                     String architecture) throws RegistryException, InterruptedException {
        byte[] config = readConfig(registry, repository, reference, os, architecture);
        try {
            return ofConfig(config);
        } catch (IOException e) {
            throw RegistryException.of(action(repository, reference), registry.name(), "the config is not JSON");
        }
    }

    /** The config blob of an image by tag or digest; for a multi-platform index, of the platform asked for. */
    public static byte[] readConfig(Registry registry, RepositoryName repository, String reference, String os,
                                    String architecture) throws RegistryException, InterruptedException {
        String action = action(repository, reference);
        Manifest manifest = registry.manifest(repository, reference).orElseThrow(() ->
                RegistryException.of(action, registry.name(), "it does not exist"));
        if (manifest.isIndex()) {
            Digest platform = manifest.childFor(os, architecture).orElseThrow(() -> RegistryException.of(action,
                    registry.name(), "the index has no " + os + "/" + architecture + " image"));
            manifest = registry.manifest(repository, platform.toString()).orElseThrow(() ->
                    RegistryException.of(action, registry.name(), "its " + os + "/" + architecture + " manifest is gone"));
        }
        Digest config = manifest.config().orElseThrow(() -> RegistryException.of(action, registry.name(),
                "the manifest names no config"));
        return registry.blob(repository, config);
    }

    private static String action(RepositoryName repository, String reference) {
        return "read the config of " + repository.value() + (reference.contains(":") ? "@" : ":") + reference;
    }

    /** What changed from {@code before} to this contract, field by field; empty when nothing did. */
    public List<Change> changesSince(ImageContract before) {
        List<Change> changes = new ArrayList<>();
        setChanges("port", before.ports, ports, changes);
        TreeSet<String> names = new TreeSet<>(before.env.keySet());
        names.addAll(env.keySet());
        for (String name : names) {
            if (!Objects.equals(before.env.get(name), env.get(name))) {
                changes.add(new Change("env " + name, before.env.get(name), env.get(name)));
            }
        }
        valueChange("entrypoint", before.entrypoint, entrypoint, changes);
        valueChange("cmd", before.cmd, cmd, changes);
        valueChange("user", before.user, user, changes);
        setChanges("volume", before.volumes, volumes, changes);
        valueChange("workingDir", before.workingDir, workingDir, changes);
        return changes;
    }

    private static void setChanges(String field, List<String> before, List<String> after, List<Change> changes) {
        before.stream().filter(v -> !after.contains(v)).forEach(v -> changes.add(new Change(field, v, null)));
        after.stream().filter(v -> !before.contains(v)).forEach(v -> changes.add(new Change(field, null, v)));
    }

    private static void valueChange(String field, Object before, Object after, List<Change> changes) {
        if (!before.equals(after)) {
            changes.add(new Change(field, before.toString(), after.toString()));
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
