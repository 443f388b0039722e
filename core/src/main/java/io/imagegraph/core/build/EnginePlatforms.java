package io.imagegraph.core.build;

import io.imagegraph.core.process.CapturedRun;
import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import io.imagegraph.core.ref.TargetPlatform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The platforms one build host builds for: those its definition declares ({@code platforms=}),
 * else its Engine's own ({@code docker info}'s OS and architecture) and, when the Engine runs on
 * this machine's kernel (it reports this machine's host name and kernel release, as Engines in
 * network namespaces do), those this kernel's binfmt_misc handlers run ({@link HostPlatforms}).
 * An Engine on another machine gets no emulated platform unless its definition declares it, since
 * its handlers cannot be seen through the Engine.
 */
final class EnginePlatforms {

    /** What {@code docker info} said: {@code linux/x86_64 NAME KERNEL}. */
    private record Info(TargetPlatform own, boolean thisKernel) {
    }

    private final BuildHost host;
    private final ProcessRunner runner;
    private final String docker;
    private final Map<String, String> environment;
    private final Path kernel;
    private final Path binfmt;
    private Info info;

    EnginePlatforms(BuildHost host, ProcessRunner runner, String docker, Map<String, String> environment) {
        this(host, runner, docker, environment, Path.of("/proc/sys/kernel"), HostPlatforms.BINFMT_MISC);
    }

    EnginePlatforms(BuildHost host, ProcessRunner runner, String docker, Map<String, String> environment, Path kernel,
                    Path binfmt) {
        this.host = host;
        this.runner = runner;
        this.docker = docker;
        this.environment = Map.copyOf(environment);
        this.kernel = kernel;
        this.binfmt = binfmt;
    }

    /** Why this host cannot build {@code image} for {@code platform}, naming both, or empty when it can. */
    Optional<String> refusal(String image, TargetPlatform platform) throws InterruptedException {
        if (!host.platforms().isEmpty()) {
            boolean declared = host.platforms().stream().anyMatch(p -> p.os().equals(platform.os())
                    && p.architecture().equals(platform.architecture())
                    && (p.variant().isEmpty() || p.variant().equals(platform.variant())));
            return declared ? Optional.empty() : Optional.of("it builds " + describe(host.platforms())
                    + " (platforms= in its definition), not " + platform);
        }
        Optional<Info> engine = info();
        if (engine.isEmpty()) {
            return Optional.of("its Engine at " + host.url() + " did not say its platform (docker info), so "
                    + platform + " cannot be given to it");
        }
        TargetPlatform own = engine.get().own();
        if (own.os().equals(platform.os()) && own.architecture().equals(platform.architecture())) {
            return Optional.empty();
        }
        if (!engine.get().thisKernel()) {
            return Optional.of("its Engine runs " + own + " on another machine, whose emulators cannot be seen from"
                    + " here, so not " + platform + "; declare what it builds with platforms=" + own + "+" + platform
                    + " in its definition");
        }
        return HostPlatforms.of(own.architecture(), binfmt).refusal(image, platform)
                .map(why -> "its Engine runs " + own + " on this machine's kernel, which cannot run " + platform
                        + " binaries: " + why);
    }

    private synchronized Optional<Info> info() throws InterruptedException {
        if (info != null) {
            return Optional.of(info);
        }
        CapturedRun run;
        try {
            run = CapturedRun.run(runner, new ProcessSpec(List.of(docker, "info", "--format",
                    "{{.OSType}}/{{.Architecture}} {{.Name}} {{.KernelVersion}}"), new java.util.HashMap<>(environment),
                    Optional.empty(), Optional.empty()));
        } catch (IOException e) {
            return Optional.empty();
        }
        String[] words = run.stdout().strip().split("\\s+");
        if (!run.succeeded() || words.length < 3 || !words[0].contains("/")) {
            return Optional.empty();
        }
        String[] osArch = words[0].split("/", 2);
        TargetPlatform own = new TargetPlatform(osArch[0], HostPlatforms.goArch(osArch[1]), Optional.empty());
        info = new Info(own, words[1].equals(read("hostname")) && words[2].equals(read("osrelease")));
        return Optional.of(info);
    }

    private String read(String name) {
        try {
            return Files.readString(kernel.resolve(name)).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static String describe(List<TargetPlatform> platforms) {
        return platforms.stream().map(TargetPlatform::toString).collect(Collectors.joining(", "));
    }
}
