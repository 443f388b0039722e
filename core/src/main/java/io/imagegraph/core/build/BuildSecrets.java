package io.imagegraph.core.build;

import io.imagegraph.core.graph.BuildSecret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An image's secrets as the builder's {@code --secret} flags, which name where each value is (an
 * environment variable of the builder's process, or a file), never the value. A secret whose
 * variable is unset or whose file is unreadable fails the build before it starts. A source the
 * run gives ({@link SecretSources}: a Jenkins step's credential) replaces the graph file's.
 */
final class BuildSecrets {

    private final List<BuildSecret> secrets;
    private final List<String> flags;

    private BuildSecrets(List<BuildSecret> secrets, List<String> flags) {
        this.secrets = secrets;
        this.flags = List.copyOf(flags);
    }

    static BuildSecrets of(BuildJob job, Map<String, String> environment) throws ImageBuildException {
        return of(job, environment, SecretSources.none());
    }

    /** The flags, each secret read from where {@code sources} says, else from where the graph file says. */
    static BuildSecrets of(BuildJob job, Map<String, String> environment, SecretSources sources)
            throws ImageBuildException {
        List<String> flags = new ArrayList<>();
        for (BuildSecret declared : job.settings().secrets()) {
            BuildSecret secret = sources.sourceOf(declared);
            if (secret.environmentVariable().isPresent()) {
                String variable = secret.env();
                if (!environment.containsKey(variable) && System.getenv(variable) == null) {
                    throw new ImageBuildException("image " + job.name() + " needs the secret '" + secret.id()
                            + "' from the environment variable " + variable + ", which is not set; set it (in"
                            + " Jenkins: a credentials binding) or give the secret a 'file'", false);
                }
                flags.addAll(List.of("--secret", "id=" + secret.id() + ",env=" + variable));
            } else {
                Path file = secret.file(job.root()).orElseThrow().toAbsolutePath();
                if (!Files.isReadable(file) || Files.isDirectory(file)) {
                    throw new ImageBuildException("image " + job.name() + " needs the secret '" + secret.id()
                            + "' from the file " + file + ", which is not a readable file", false);
                }
                flags.addAll(List.of("--secret", "id=" + secret.id() + ",src=" + file));
            }
        }
        return new BuildSecrets(job.settings().secrets(), flags);
    }

    List<String> flags() {
        return flags;
    }

    String ids() {
        return secrets.stream().map(BuildSecret::id).collect(Collectors.joining(", "));
    }
}
