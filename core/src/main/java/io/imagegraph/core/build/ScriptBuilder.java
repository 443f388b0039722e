package io.imagegraph.core.build;

import io.imagegraph.core.process.OutputTail;

import io.imagegraph.core.graph.ImageSpec;
import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds with a command of the user's ({@code builder: script}, {@code command: [...]} in the
 * graph file), run in the graph root as argv. It learns what to build from the environment and
 * reports the image by writing its ID (or digest reference) to {@code IMAGEGRAPH_IMAGE_ID_FILE}:
 *
 * <ul>
 *   <li>{@code IMAGEGRAPH_IMAGE}: the image's name; {@code IMAGEGRAPH_CONTEXT}: its context directory;
 *       {@code IMAGEGRAPH_DOCKERFILE}: its Dockerfile, if it has one;</li>
 *   <li>{@code IMAGEGRAPH_TAGS}: the references to tag it with, separated by spaces;</li>
 *   <li>{@code IMAGEGRAPH_PARENT_<NAME>}: each parent's pinned image ({@code NAME} upper-cased, other
 *       characters as {@code _}); {@code IMAGEGRAPH_BUILD_ARG_<KEY>}: each build arg;</li>
 *   <li>{@code IMAGEGRAPH_LABELS}: the lineage labels, one {@code key=value} a line.</li>
 *   <li>{@code IMAGEGRAPH_UPSTREAM_PINS}: each external base an upstream watch pinned, as
 *       {@code as-written=pinned-reference}, one a line (empty when none is).</li>
 * </ul>
 */
public final class ScriptBuilder implements ImageBuilder {

    private final ProcessRunner runner;
    private final Map<String, String> environment;
    private final Optional<PostBuild> postBuild;

    /** A script builder that applies no post-build steps (an image that has some is refused). */
    public ScriptBuilder(ProcessRunner runner, Map<String, String> environment) {
        this(runner, environment, Optional.empty());
    }

    /** A script builder that applies an image's post-build steps with the docker client {@code docker}. */
    public ScriptBuilder(ProcessRunner runner, Map<String, String> environment, String docker) {
        this(runner, environment, Optional.of(new PostBuild(runner, docker, environment)));
    }

    private ScriptBuilder(ProcessRunner runner, Map<String, String> environment, Optional<PostBuild> postBuild) {
        this.runner = runner;
        this.environment = Map.copyOf(environment);
        this.postBuild = postBuild;
    }

    @Override
    public String build(BuildJob job, OutputStream log) throws ImageBuildException, InterruptedException {
        ImageSpec spec = job.node().spec();
        if (spec.command().isEmpty()) {
            throw new ImageBuildException("image " + job.name() + " uses the script builder but its graph entry has no"
                    + " 'command'", false);
        }
        if (!spec.postBuild().isEmpty() && postBuild.isEmpty()) {
            throw new ImageBuildException(job.name() + " has post-build steps, which this script builder does not"
                    + " apply", false);
        }
        Path idFile = job.workDirectory().resolve("image-id");
        try {
            Files.createDirectories(job.workDirectory());
            Files.deleteIfExists(idFile);
        } catch (IOException e) {
            throw new ImageBuildException("cannot prepare " + job.workDirectory() + ": " + e.getMessage(), false);
        }
        Map<String, String> env = new HashMap<>(environment);
        env.put("IMAGEGRAPH_IMAGE", job.name());
        env.put("IMAGEGRAPH_CONTEXT", job.root().resolve(spec.context()).toString());
        spec.dockerfile().ifPresent(file -> env.put("IMAGEGRAPH_DOCKERFILE", job.root().resolve(file).toString()));
        env.put("IMAGEGRAPH_TAGS", String.join(" ", job.tags()));
        env.put("IMAGEGRAPH_IMAGE_ID_FILE", idFile.toString());
        env.put("IMAGEGRAPH_LABELS", job.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n")));
        job.pinnedParents().forEach((parent, id) -> env.put("IMAGEGRAPH_PARENT_" + variable(parent), id));
        env.put("IMAGEGRAPH_UPSTREAM_PINS", job.pinnedBases().entrySet().stream()
                .map(e -> e.getKey().ref() + "=" + e.getValue()).sorted().collect(java.util.stream.Collectors.joining("\n")));
        spec.buildArgs().forEach((key, value) -> env.put("IMAGEGRAPH_BUILD_ARG_" + variable(key), value));
        OutputTail tail = new OutputTail(log);
        String program = spec.command().get(0);
        int exit;
        try {
            exit = runner.run(new ProcessSpec(spec.command(), env, Optional.of(job.root()), Optional.empty()), tail, tail);
        } catch (IOException e) {
            throw new ImageBuildException("cannot run the build command " + program + " of " + job.name() + ": "
                    + e.getMessage(), false);
        }
        if (exit != 0) {
            throw TransientFailures.failure(program + " exited with " + exit, tail);
        }
        try {
            String id = Files.exists(idFile) ? Files.readString(idFile).strip() : "";
            if (id.isEmpty()) {
                throw new ImageBuildException(program + " succeeded but did not write the image ID to"
                        + " $IMAGEGRAPH_IMAGE_ID_FILE", false);
            }
            return postBuild.isEmpty() ? id
                    : postBuild.get().apply(job, id, BuildNetwork.of(job.settings().network(), Optional.empty()), log);
        } catch (IOException e) {
            throw new ImageBuildException("cannot read " + idFile + ": " + e.getMessage(), false);
        }
    }

    static String variable(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
