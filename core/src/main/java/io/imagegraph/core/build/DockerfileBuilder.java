package io.imagegraph.core.build;

import io.imagegraph.core.dockerfile.DockerfileSyntaxException;
import io.imagegraph.core.graph.BuildSettings;
import io.imagegraph.core.graph.ImageSpec;
import io.imagegraph.core.graph.NetworkMode;
import io.imagegraph.core.process.OutputTail;
import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds from a Dockerfile with {@code docker build} (through BuildKit where the client and Engine
 * have it, else the legacy builder; the build log says which) or {@code buildah bud}, with the
 * network the image's build settings give (see {@link BuildNetwork}), its secrets as
 * {@code --secret}, and the graph file's mirrors as build args. The Dockerfile is rewritten into
 * the job's work directory with every parent of the graph pinned to the exact image; the build
 * context is the image's own.
 *
 * <p>docker builds in the Engine that the environment names ({@code DOCKER_HOST},
 * {@code DOCKER_CONFIG}), so it composes with docker-workflow's {@code withDockerServer} and
 * {@code withRegistry} in Jenkins. buildah builds in its own image store, configured as buildah
 * configures it ({@code STORAGE_DRIVER}, {@code BUILDAH_ISOLATION}, containers-storage.conf).
 */
public final class DockerfileBuilder implements ImageBuilder {

    private final ProcessRunner runner;
    private final String program;
    private final Optional<BuildKitSupport> docker;
    private final Map<String, String> environment;
    private final Optional<PostBuild> postBuild;
    private final BuildKitPins buildKitPins;
    private final SecretSources secretSources;

    private DockerfileBuilder(ProcessRunner runner, String program, Optional<BuildKitSupport> docker,
                              Map<String, String> environment, Optional<PostBuild> postBuild,
                              SecretSources secretSources) {
        this.secretSources = secretSources;
        this.buildKitPins = new BuildKitPins(runner, program, environment);
        this.runner = runner;
        this.program = program;
        this.docker = docker;
        this.environment = Map.copyOf(environment);
        this.postBuild = postBuild;
    }

    /** {@code PROGRAM build …}, PROGRAM being the docker client. */
    public static DockerfileBuilder docker(ProcessRunner runner, String program, Map<String, String> environment) {
        return docker(runner, program, environment, SecretSources.none(), Optional.empty());
    }

    /**
     * {@link #docker}, reading the secrets of {@code sources} from there instead of the graph file's
     * source, and, given a state folder, remembering there which Engines build through BuildKit
     * ({@link BuildKitProbeCache}).
     */
    public static DockerfileBuilder docker(ProcessRunner runner, String program, Map<String, String> environment,
                                           SecretSources sources, Optional<Path> stateFolder) {
        return new DockerfileBuilder(runner, program, Optional.of(new BuildKitSupport(runner, program, environment,
                stateFolder.map(BuildKitProbeCache::new))), environment,
                Optional.of(new PostBuild(runner, program, environment)), sources);
    }

    /** {@code PROGRAM bud …}, PROGRAM being buildah. */
    public static DockerfileBuilder buildah(ProcessRunner runner, String program, Map<String, String> environment) {
        return buildah(runner, program, environment, SecretSources.none());
    }

    /** {@link #buildah}, reading the secrets of {@code sources} from there instead of the graph file's source. */
    public static DockerfileBuilder buildah(ProcessRunner runner, String program, Map<String, String> environment,
                                            SecretSources sources) {
        return new DockerfileBuilder(runner, program, Optional.empty(), environment, Optional.empty(), sources);
    }

    @Override
    public String build(BuildJob job, OutputStream log) throws ImageBuildException, InterruptedException {
        boolean buildKit = docker.isPresent() && docker.get().mode().buildKit();
        Map<String, String> pins = buildKit ? buildKitPins.name(job.pinnedParents()) : job.pinnedParents();
        Optional<String> pinTag = buildKit ? Optional.of(buildKitPins.tagFor(job.name()
                + job.platform().map(platform -> "-" + platform.replace('/', '-')).orElse(""))) : Optional.empty();
        String id = build(job, log, pins, pinTag);
        pinTag.ifPresent(tag -> buildKitPins.built(id, tag));
        return id;
    }

    /** Removes the {@code imagegraph-pin} tags the run's BuildKit builds needed. */
    @Override
    public void runFinished() throws InterruptedException {
        buildKitPins.removeAll();
    }

    private String build(BuildJob job, OutputStream log, Map<String, String> pins, Optional<String> pinTag)
            throws ImageBuildException, InterruptedException {
        ImageSpec spec = job.node().spec();
        BuildSettings settings = job.settings();
        Optional<DockerBuildMode> mode = docker.isPresent() ? Optional.of(docker.get().mode()) : Optional.empty();
        boolean buildKit = mode.map(DockerBuildMode::buildKit).orElse(false);
        String tool = program + (docker.isPresent() ? " build" : " bud");
        BuildNetwork network = BuildNetwork.of(settings.network(), mode);
        if (!spec.postBuild().isEmpty() && postBuild.isEmpty()) {
            throw new ImageBuildException(job.name() + " has post-build steps, which " + tool + " does not apply;"
                    + " build it with docker", false);
        }
        Path dockerfile = job.workDirectory().resolve("Dockerfile");
        Path idFile = job.workDirectory().resolve("image-id");
        String original;
        try {
            Files.createDirectories(job.workDirectory());
            Files.deleteIfExists(idFile);
            original = Files.readString(job.root().resolve(spec.dockerfile().orElseThrow()));
            BuildJob.PinnedEdges pinned = job.pinnedEdges(pins);
            // BuildKit (and buildah) set --label values without a step; the legacy builder makes
            // each --label a step of its own, so there they go into one LABEL line.
            boolean labelsAsFlags = buildKit || docker.isEmpty();
            Files.writeString(dockerfile, PinnedDockerfile.render(original, pinned.edges(), pinned.pins(),
                    labelsAsFlags ? Map.of() : job.labels(), spec.target()));
            log.write(("imagegraph: " + tool + ": " + mode.map(DockerBuildMode::why).orElse("buildah") + "; "
                    + network.description() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ImageBuildException("cannot prepare the Dockerfile of " + job.name() + " in "
                    + job.workDirectory() + ": " + e.getMessage(), false);
        } catch (DockerfileSyntaxException e) {
            throw new ImageBuildException(spec.dockerfile().orElseThrow() + " " + e.getMessage(), false);
        }
        BuildSecrets secrets = BuildSecrets.of(job, environment, secretSources);
        if (!settings.secrets().isEmpty() && docker.isPresent() && !buildKit) {
            throw new ImageBuildException("image " + job.name() + " has secrets (" + secrets.ids() + "), which only a"
                    + " BuildKit build can mount, but this build uses the " + mode.get().why(), false);
        }
        List<String> argv = new ArrayList<>(List.of(program, docker.isPresent() ? "build" : "bud"));
        argv.addAll(network.flags());
        if (buildKit) {
            argv.addAll(List.of("--progress", "plain"));
        }
        if (docker.isEmpty() && pullsFromLoopbackRegistry(job)) {
            argv.add("--tls-verify=false");
        }
        argv.addAll(List.of("--iidfile", idFile.toString(), "--file", dockerfile.toString()));
        if (job.platform().isPresent()) {
            if (docker.isPresent() && !buildKit) {
                throw new ImageBuildException("image " + job.name() + " is built for " + job.platform().get()
                        + ", which only a BuildKit build does faithfully, but this build uses the " + mode.get().why(),
                        false);
            }
            argv.addAll(List.of("--platform", job.platform().get()));
        }
        spec.target().ifPresent(target -> argv.addAll(List.of("--target", target)));
        if (job.noCache()) {
            argv.add("--no-cache");
        }
        if (buildKit || docker.isEmpty()) {
            job.labels().forEach((key, value) -> argv.addAll(List.of("--label", key + "=" + value)));
        }
        argv.addAll(secrets.flags());
        // A build arg naming a parent of the graph (LOCI's FROM and WHEELS) passes the reference of
        // the image this run built or reused for it by its input-digest tag: a registry reference
        // (LOCI fetches WHEELS from a registry) where the run has one, never an image ID.
        SortedMap<String, String> args = new TreeMap<>(settings.mirrorArgs());
        spec.buildArgs().forEach((key, value) -> args.put(key,
                job.parentReferences().getOrDefault(value, pins.getOrDefault(value, value))));
        args.forEach((key, value) -> argv.addAll(List.of("--build-arg", key + "=" + value)));
        job.tags().forEach(tag -> argv.addAll(List.of("--tag", tag)));
        pinTag.ifPresent(tag -> argv.addAll(List.of("--tag", tag)));
        argv.add(job.root().resolve(spec.context()).toString());
        Map<String, String> env = new HashMap<>(environment);
        docker.ifPresent(d -> env.put("DOCKER_BUILDKIT", buildKit ? "1" : "0"));
        OutputTail tail = new OutputTail(log);
        int exit;
        try {
            exit = runner.run(new ProcessSpec(argv, env, Optional.of(job.root()), Optional.empty()), tail, tail);
        } catch (IOException e) {
            throw new ImageBuildException("cannot run " + tool + " to build " + job.name() + ": " + e.getMessage(), false);
        }
        if (exit != 0) {
            throw failure(job, tool, exit, tail, network, original);
        }
        String id = readImageId(tool, idFile);
        return postBuild.isEmpty() ? id : postBuild.get().apply(job, id, network, log);
    }

    private static ImageBuildException failure(BuildJob job, String tool, int exit, OutputTail tail,
                                               BuildNetwork network, String dockerfile) {
        BuildFailure failure = BuildFailure.of(tail.text());
        Optional<String> syntax = SyntaxDirective.of(dockerfile);
        if (syntax.isPresent() && tail.text().contains(syntax.get())) {
            return new ImageBuildException("the Dockerfile's '# syntax=" + syntax.get() + "' frontend cannot be fetched"
                    + " (" + failure.error() + "); make " + syntax.get() + " reachable from the Engine (a registry"
                    + " mirror), or remove the line to build with the Engine's own Dockerfile frontend", false);
        }
        if (network.isNone() && failure.looksLikeNoNetwork()) {
            return new ImageBuildException("image " + job.name() + " needs the network at '"
                    + failure.instruction().orElse("a build step") + "' (" + failure.output().orElse(failure.error())
                    + ") but " + network.description() + "; allow it with 'network: host' for " + job.name()
                    + " (or for every image) in the graph file, or with --network host", false);
        }
        ImageBuildException plain = TransientFailures.failure(tool + " exited with " + exit, tail);
        if (plain.isTransient() || failure.instruction().isEmpty()) {
            return plain;
        }
        return new ImageBuildException(tool + " exited with " + exit + " " + failure.reason(), false);
    }

    private static String readImageId(String tool, Path idFile) throws ImageBuildException {
        try {
            String written = Files.readString(idFile).strip();
            String id = written.isEmpty() || written.contains(":") ? written : "sha256:" + written;
            if (id.isEmpty()) {
                throw new ImageBuildException(tool + " succeeded but wrote no image ID to " + idFile, false);
            }
            return id;
        } catch (IOException e) {
            throw new ImageBuildException(tool + " succeeded but its image ID file " + idFile
                    + " cannot be read: " + e.getMessage(), false);
        }
    }

    /** Whether a parent is pinned to a digest reference on a loopback registry, which buildah must be told to pull over HTTP. */
    private static boolean pullsFromLoopbackRegistry(BuildJob job) {
        return job.pinnedParents().values().stream().anyMatch(pinned -> pinned.contains("@")
                && LoopbackReference.isLoopback(pinned));
    }
}
