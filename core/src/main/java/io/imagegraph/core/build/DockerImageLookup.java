package io.imagegraph.core.build;

import io.imagegraph.core.process.CapturedRun;
import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Looks images up, and tags them, in the Docker Engine's local image store. */
public final class DockerImageLookup implements ImageLookup {

    private final ProcessRunner runner;
    private final String docker;
    private final Map<String, String> environment;

    public DockerImageLookup(ProcessRunner runner, String docker, Map<String, String> environment) {
        this.runner = runner;
        this.docker = docker;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Optional<String> find(String reference) throws ImageBuildException, InterruptedException {
        CapturedRun run = run(docker, "image", "inspect", "--format", "{{.Id}}", reference);
        if (run.succeeded()) {
            return Optional.of(run.stdout().strip());
        }
        if (run.stderr().toLowerCase(java.util.Locale.ROOT).contains("no such image")) {
            return Optional.empty();
        }
        throw new ImageBuildException("cannot look up " + reference + " with docker: " + run.stderr().strip(),
                TransientFailures.isTransient(run.stderr()));
    }

    @Override
    public void tag(String imageId, String reference) throws ImageBuildException, InterruptedException {
        CapturedRun run = run(docker, "tag", imageId, reference);
        if (!run.succeeded()) {
            throw new ImageBuildException("cannot tag " + imageId + " as " + reference + ": " + run.stderr().strip(),
                    TransientFailures.isTransient(run.stderr()));
        }
    }

    private CapturedRun run(String... argv) throws ImageBuildException, InterruptedException {
        try {
            return CapturedRun.run(runner, new ProcessSpec(List.of(argv), environment, Optional.empty(), Optional.empty()));
        } catch (IOException e) {
            throw new ImageBuildException("cannot run " + docker + ": " + e.getMessage(), false);
        }
    }
}
