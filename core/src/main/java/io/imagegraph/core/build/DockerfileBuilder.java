package io.imagegraph.core.build;

import io.imagegraph.core.process.OutputTail;

import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.registry.RegistryEndpoint;

import io.imagegraph.core.dockerfile.DockerfileSyntaxException;
import io.imagegraph.core.graph.ImageSpec;
import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds from a Dockerfile with {@code docker build} or {@code buildah bud}, with no network during
 * the build. The Dockerfile is rewritten into the job's work directory with every parent of the
 * graph pinned to its image ID; the build context is the image's own.
 *
 * <p>docker builds in the Engine that the environment names ({@code DOCKER_HOST},
 * {@code DOCKER_CONFIG}), so it composes with docker-workflow's {@code withDockerServer} and
 * {@code withRegistry} in Jenkins. buildah builds in its own image store, configured as buildah
 * configures it ({@code STORAGE_DRIVER}, {@code BUILDAH_ISOLATION}, containers-storage.conf).
 */
public final class DockerfileBuilder implements ImageBuilder {

    private final ProcessRunner runner;
    private final List<String> command;
    private final String tool;
    private final Map<String, String> environment;
    private final Optional<PostBuild> postBuild;

    private DockerfileBuilder(ProcessRunner runner, List<String> command, Map<String, String> environment,
                              Optional<PostBuild> postBuild) {
        this.runner = runner;
        this.command = List.copyOf(command);
        this.tool = command.get(0) + " " + command.get(1);
        this.environment = Map.copyOf(environment);
        this.postBuild = postBuild;
    }

    /** {@code PROGRAM build --network none …}, PROGRAM being the docker client; then any post-build steps. */
    public static DockerfileBuilder docker(ProcessRunner runner, String program, Map<String, String> environment) {
        return new DockerfileBuilder(runner, List.of(program, "build", "--network", "none"), environment,
                Optional.of(new PostBuild(runner, program, environment)));
    }

    /** {@code PROGRAM bud --network none …}, PROGRAM being buildah (which applies no post-build steps). */
    public static DockerfileBuilder buildah(ProcessRunner runner, String program, Map<String, String> environment) {
        return new DockerfileBuilder(runner, List.of(program, "bud", "--network", "none"), environment, Optional.empty());
    }

    /**
     * Whether a parent is pinned to a digest reference on a loopback registry, which speaks plain
     * HTTP: the Docker Engine allows that by itself, buildah only when told.
     */
    private static boolean pullsFromLoopbackRegistry(BuildJob job) {
        for (String pinned : job.pinnedParents().values()) {
            int slash = pinned.indexOf('/');
            if (pinned.contains("@") && slash > 0) {
                try {
                    if (RegistryEndpoint.isLoopback(RegistryHost.parse(pinned.substring(0, slash)))) {
                        return true;
                    }
                } catch (RuntimeException e) {
                    // not a registry host: a local name
                }
            }
        }
        return false;
    }

    @Override
    public String build(BuildJob job, OutputStream log) throws ImageBuildException, InterruptedException {
        ImageSpec spec = job.node().spec();
        if (!spec.postBuild().isEmpty() && postBuild.isEmpty()) {
            throw new ImageBuildException(job.name() + " has post-build steps, which " + tool + " does not apply;"
                    + " build it with docker", false);
        }
        Path dockerfile = job.workDirectory().resolve("Dockerfile");
        Path idFile = job.workDirectory().resolve("image-id");
        try {
            Files.createDirectories(job.workDirectory());
            Files.deleteIfExists(idFile);
            String original = Files.readString(job.root().resolve(spec.dockerfile().orElseThrow()));
            BuildJob.PinnedEdges pinned = job.pinnedEdges();
            Files.writeString(dockerfile, PinnedDockerfile.render(original, pinned.edges(), pinned.pins(),
                    job.labels(), spec.target()));
        } catch (IOException e) {
            throw new ImageBuildException("cannot prepare the Dockerfile of " + job.name() + " in "
                    + job.workDirectory() + ": " + e.getMessage(), false);
        } catch (DockerfileSyntaxException e) {
            throw new ImageBuildException(spec.dockerfile().orElseThrow() + " " + e.getMessage(), false);
        }
        List<String> argv = new ArrayList<>(command);
        if (command.get(1).equals("bud") && pullsFromLoopbackRegistry(job)) {
            argv.add("--tls-verify=false");
        }
        argv.addAll(List.of("--iidfile", idFile.toString(), "--file", dockerfile.toString()));
        spec.target().ifPresent(target -> argv.addAll(List.of("--target", target)));
        // A build arg naming a parent of the graph (LOCI's FROM and WHEELS) passes the exact image
        // this run built or reused for it, as FROM lines are pinned.
        spec.buildArgs().forEach((key, value) -> argv.addAll(List.of("--build-arg",
                key + "=" + job.pinnedParents().getOrDefault(value, value))));
        job.tags().forEach(tag -> argv.addAll(List.of("--tag", tag)));
        argv.add(job.root().resolve(spec.context()).toString());
        OutputTail tail = new OutputTail(log);
        int exit;
        try {
            exit = runner.run(new ProcessSpec(argv, environment, Optional.of(job.root()), Optional.empty()), tail, tail);
        } catch (IOException e) {
            throw new ImageBuildException("cannot run " + tool + " to build " + job.name() + ": " + e.getMessage(), false);
        }
        if (exit != 0) {
            throw TransientFailures.failure(tool + " exited with " + exit, tail);
        }
        try {
            String written = Files.readString(idFile).strip();
            String id = written.isEmpty() || written.contains(":") ? written : "sha256:" + written;
            if (id.isEmpty()) {
                throw new ImageBuildException(tool + " succeeded but wrote no image ID to " + idFile, false);
            }
            return postBuild.isEmpty() ? id : postBuild.get().apply(job, id, log);
        } catch (IOException e) {
            throw new ImageBuildException(tool + " succeeded but its image ID file " + idFile
                    + " cannot be read: " + e.getMessage(), false);
        }
    }
}
