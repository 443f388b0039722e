package io.imagegraph.core.build;

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
 * Builds with {@code docker build} (the Docker Engine's own builder), with no network during the
 * build. The Dockerfile is rewritten into the job's work directory with every parent of the graph
 * pinned to its image ID; the build context is the image's own. The daemon is whatever the
 * environment names ({@code DOCKER_HOST}, {@code DOCKER_CONFIG}), so it composes with
 * docker-workflow's {@code withDockerServer} and {@code withRegistry} in Jenkins.
 */
public final class DockerBuilder implements ImageBuilder {

    private final ProcessRunner runner;
    private final String docker;
    private final Map<String, String> environment;

    public DockerBuilder(ProcessRunner runner, String docker, Map<String, String> environment) {
        this.runner = runner;
        this.docker = docker;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String build(BuildJob job, OutputStream log) throws ImageBuildException, InterruptedException {
        ImageSpec spec = job.node().spec();
        Path dockerfile = job.workDirectory().resolve("Dockerfile");
        Path idFile = job.workDirectory().resolve("image-id");
        try {
            Files.createDirectories(job.workDirectory());
            Files.deleteIfExists(idFile);
            String original = Files.readString(job.root().resolve(spec.dockerfile().orElseThrow()));
            Files.writeString(dockerfile, PinnedDockerfile.render(original, job.node().parentEdges(), job.pinnedParents(),
                    job.labels(), spec.target()));
        } catch (IOException e) {
            throw new ImageBuildException("cannot prepare the Dockerfile of " + job.name() + " in "
                    + job.workDirectory() + ": " + e.getMessage(), false);
        } catch (DockerfileSyntaxException e) {
            throw new ImageBuildException(spec.dockerfile().orElseThrow() + " " + e.getMessage(), false);
        }
        List<String> argv = new ArrayList<>(List.of(docker, "build", "--network", "none", "--iidfile", idFile.toString(),
                "--file", dockerfile.toString()));
        spec.target().ifPresent(target -> argv.addAll(List.of("--target", target)));
        spec.buildArgs().forEach((key, value) -> argv.addAll(List.of("--build-arg", key + "=" + value)));
        job.tags().forEach(tag -> argv.addAll(List.of("--tag", tag)));
        argv.add(job.root().resolve(spec.context()).toString());
        OutputTail tail = new OutputTail(log);
        int exit;
        try {
            exit = runner.run(new ProcessSpec(argv, environment, Optional.of(job.root()), Optional.empty()), tail, tail);
        } catch (IOException e) {
            throw new ImageBuildException("cannot run " + docker + " to build " + job.name() + ": " + e.getMessage(), false);
        }
        if (exit != 0) {
            throw new ImageBuildException("docker build exited with " + exit + ": " + tail.lastLine(),
                    TransientFailures.isTransient(tail.text()));
        }
        try {
            String id = Files.readString(idFile).strip();
            if (id.isEmpty()) {
                throw new ImageBuildException("docker build succeeded but wrote no image ID to " + idFile, false);
            }
            return id;
        } catch (IOException e) {
            throw new ImageBuildException("docker build succeeded but its image ID file " + idFile
                    + " cannot be read: " + e.getMessage(), false);
        }
    }
}
