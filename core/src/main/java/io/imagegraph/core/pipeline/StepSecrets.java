package io.imagegraph.core.pipeline;

import io.imagegraph.core.build.SecretSources;
import io.imagegraph.core.graph.BuildSecret;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.graph.ImageNode;
import io.imagegraph.core.run.RunRequestException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The build secrets a step takes from credentials ({@code secrets: [[id: 'pip_conf', credentialsId:
 * 'pip-conf']]}), on the agent for as long as the step runs: a secret text becomes an environment
 * variable of the builder's process only, a secret file a file that only the agent's user reads in
 * the workspace's temporary folder. The builder gets {@code --secret id=…,env=VARIABLE} or
 * {@code src=FILE}, which name where the value is, never the value. Closing deletes the files.
 */
public final class StepSecrets implements AutoCloseable {

    /** The variables secret texts are handed over in: {@code IMAGEGRAPH_SECRET_1}, … */
    static final String VARIABLE_PREFIX = "IMAGEGRAPH_SECRET_";

    /**
     * A secret's value as the credential holds it.
     *
     * @param id      the id the Dockerfile mounts it by, which the graph file's {@code secrets} of the image name
     * @param file    whether it came from a file credential (else a secret text)
     * @param content the value
     */
    public record Value(String id, boolean file, byte[] content) {

        public Value {
            new BuildSecret(id, "CHECKED", null);
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        @Override
        public String toString() {
            return "secret " + id + (file ? " (file)" : " (text)");
        }
    }

    private final Map<String, String> environment;
    private final SecretSources sources;
    private final Path folder;

    private StepSecrets(Map<String, String> environment, SecretSources sources, Path folder) {
        this.environment = Map.copyOf(environment);
        this.sources = sources;
        this.folder = folder;
    }

    /**
     * Writes the file secrets into a new folder of {@code temporaryFolder} readable only by its owner.
     *
     * @throws RunRequestException when two secrets have the same id
     */
    public static StepSecrets open(List<Value> values, Path temporaryFolder) throws RunRequestException, IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        Map<String, BuildSecret> sources = new LinkedHashMap<>();
        Path folder = null;
        for (Value value : values) {
            if (sources.containsKey(value.id())) {
                throw new RunRequestException("secrets: the id '" + value.id() + "' is given twice; give each secret"
                        + " id one credentialsId");
            }
            if (value.file()) {
                if (folder == null) {
                    Files.createDirectories(temporaryFolder);
                    folder = Files.createTempDirectory(temporaryFolder, "imagegraph-secrets",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                }
                Path file = Files.createFile(folder.resolve(value.id()),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(file, value.content());
                sources.put(value.id(), new BuildSecret(value.id(), null, file.toAbsolutePath().toString()));
            } else {
                String variable = VARIABLE_PREFIX + (environment.size() + 1);
                environment.put(variable, new String(value.content(), java.nio.charset.StandardCharsets.UTF_8));
                sources.put(value.id(), new BuildSecret(value.id(), variable, null));
            }
        }
        return new StepSecrets(environment, SecretSources.of(sources), folder);
    }

    /** No secrets. */
    public static StepSecrets none() {
        return new StepSecrets(Map.of(), SecretSources.none(), null);
    }

    /** The variables the builder's process gets: the secret texts. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Where each secret is, for the builders' {@code --secret} flags. */
    public SecretSources sources() {
        return sources;
    }

    /**
     * Refuses secrets that no image of the graph mounts: an image names the secrets its build may
     * mount in the graph file, and a secret given for none would silently reach no build.
     */
    public void requireDeclared(ImageGraph graph) throws RunRequestException {
        Set<String> declared = new TreeSet<>();
        for (ImageNode node : graph.nodes().values()) {
            node.spec().build().secrets().forEach(secret -> declared.add(secret.id()));
        }
        List<String> unknown = new ArrayList<>(new TreeSet<>(sources.ids()));
        unknown.removeAll(declared);
        if (!unknown.isEmpty()) {
            throw new RunRequestException("secrets: no image of " + graph.graphFileName() + " declares the secret"
                    + (unknown.size() == 1 ? " '" + unknown.get(0) + "'" : "s " + unknown) + "; name it in the"
                    + " 'secrets' of the image whose Dockerfile mounts it ({id: " + unknown.get(0) + ", env: "
                    + unknown.get(0).toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9_]", "_") + "})"
                    + (declared.isEmpty() ? "" : " (declared: " + String.join(", ", declared) + ")"));
        }
    }

    /** Deletes the secret files. */
    @Override
    public void close() throws IOException {
        if (folder == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
