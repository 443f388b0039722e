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
import java.util.Set;

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
    private final Set<String> plainHttp;

    private LocalImagePusher(ProcessRunner runner, String program, boolean buildah, Map<String, String> environment,
                             Set<String> plainHttp) {
        this.runner = runner;
        this.program = program;
        this.buildah = buildah;
        this.environment = Map.copyOf(environment);
        this.plainHttp = Set.copyOf(plainHttp);
    }

    public static LocalImagePusher docker(ProcessRunner runner, String program, Map<String, String> environment) {
        return new LocalImagePusher(runner, program, false, environment, Set.of());
    }

    public static LocalImagePusher buildah(ProcessRunner runner, String program, Map<String, String> environment) {
        return buildah(runner, program, environment, Set.of());
    }

    /**
     * buildah push, with {@code --tls-verify=false} to a loopback registry or one of these hosts,
     * which speak plain HTTP (the Docker Engine allows loopback registries by itself, buildah only when told).
     */
    public static LocalImagePusher buildah(ProcessRunner runner, String program, Map<String, String> environment,
                                           Set<String> plainHttp) {
        return new LocalImagePusher(runner, program, true, environment, plainHttp);
    }

    private boolean speaksPlainHttp(String reference) {
        int slash = reference.indexOf('/');
        return LoopbackReference.isLoopback(reference) || slash > 0 && plainHttp.contains(reference.substring(0, slash));
    }

    @Override
    public void push(String reference, OutputStream log) throws ImageBuildException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(program, "push"));
        if (buildah && speaksPlainHttp(reference)) {
            argv.add("--tls-verify=false");
        }
        argv.add(reference);
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
