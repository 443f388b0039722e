package io.imagegraph.core.build;

import io.imagegraph.core.process.OutputTail;

import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes with the tool that built the image: {@code docker push REF}, or
 * {@code buildah push REF docker://REF}. Credentials are the tool's own (docker's config.json,
 * containers-auth.json); none pass through image-graph's arguments.
 */
public final class LocalImagePusher implements ImagePusher {

    private final ProcessRunner runner;
    private final String program;
    private final boolean buildah;
    private final Map<String, String> environment;

    private LocalImagePusher(ProcessRunner runner, String program, boolean buildah, Map<String, String> environment) {
        this.runner = runner;
        this.program = program;
        this.buildah = buildah;
        this.environment = Map.copyOf(environment);
    }

    public static LocalImagePusher docker(ProcessRunner runner, String program, Map<String, String> environment) {
        return new LocalImagePusher(runner, program, false, environment);
    }

    public static LocalImagePusher buildah(ProcessRunner runner, String program, Map<String, String> environment) {
        return new LocalImagePusher(runner, program, true, environment);
    }

    @Override
    public void push(String reference, OutputStream log) throws ImageBuildException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(program, "push", reference));
        if (buildah) {
            argv.add("docker://" + reference);
        }
        OutputTail tail = new OutputTail(log);
        int exit;
        try {
            exit = runner.run(new ProcessSpec(argv, environment, Optional.empty(), Optional.empty()), tail, tail);
        } catch (IOException e) {
            throw new ImageBuildException("cannot run " + program + " push: " + e.getMessage(), false);
        }
        if (exit != 0) {
            throw TransientFailures.failure("pushing " + reference + " failed", tail);
        }
    }
}
