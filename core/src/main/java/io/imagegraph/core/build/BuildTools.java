package io.imagegraph.core.build;

import io.imagegraph.core.graph.BuilderKind;
import io.imagegraph.core.process.ProcessRunner;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The builders a run has, by the {@code builder} an image's graph entry names. */
public final class BuildTools {

    private final Map<BuilderKind, BuildTool> tools;

    private BuildTools(Map<BuilderKind, BuildTool> tools) {
        this.tools = Map.copyOf(tools);
    }

    public static BuildTools of(Map<BuilderKind, BuildTool> tools) {
        return new BuildTools(tools);
    }

    /**
     * docker, LOCI and script (into the Docker Engine) and buildah (into its own store), run as the
     * given programs with the given extra environment.
     */
    public static BuildTools local(ProcessRunner runner, String docker, String buildah, Map<String, String> environment) {
        return local(runner, docker, buildah, environment, java.util.Set.of());
    }

    /** {@link #local}, with buildah pushing to these registry hosts over plain HTTP (as to loopback ones). */
    public static BuildTools local(ProcessRunner runner, String docker, String buildah, Map<String, String> environment,
                                   java.util.Set<String> plainHttp) {
        return local(runner, docker, buildah, environment, plainHttp, SecretSources.none(), Optional.empty());
    }

    /** {@link #local}, remembering in this state folder which Docker Engines build through BuildKit. */
    public static BuildTools local(ProcessRunner runner, String docker, String buildah, Map<String, String> environment,
                                   java.util.Set<String> plainHttp, Optional<java.nio.file.Path> stateFolder) {
        return local(runner, docker, buildah, environment, plainHttp, SecretSources.none(), stateFolder);
    }

    /** {@link #local} with both: the step's secrets and the state folder that remembers the BuildKit probe. */
    public static BuildTools local(ProcessRunner runner, String docker, String buildah, Map<String, String> environment,
                                   java.util.Set<String> plainHttp, SecretSources secrets,
                                   Optional<java.nio.file.Path> stateFolder) {
        Map<BuilderKind, BuildTool> tools = new EnumMap<>(BuilderKind.class);
        PrefetchedImageLookup dockerStore = new PrefetchedImageLookup(LocalImageLookup.docker(runner, docker, environment),
                runner, docker, environment);
        LocalImagePusher dockerPush = LocalImagePusher.docker(runner, docker, environment);
        DockerfileBuilder dockerBuild = DockerfileBuilder.docker(runner, docker, environment, secrets, stateFolder);
        tools.put(BuilderKind.DOCKER, new BuildTool(dockerBuild, dockerStore, dockerPush, "docker"));
        // A LOCI image is a docker build of LOCI's Dockerfile; the graph file's loci section set its
        // context, Dockerfile and FROM/WHEELS build args (ImageSpecResolver).
        tools.put(BuilderKind.LOCI, new BuildTool(dockerBuild, dockerStore, dockerPush, "docker"));
        tools.put(BuilderKind.SCRIPT, new BuildTool(new ScriptBuilder(runner, environment, docker), dockerStore, dockerPush, "docker"));
        tools.put(BuilderKind.BUILDAH, new BuildTool(DockerfileBuilder.buildah(runner, buildah, environment, secrets),
                LocalImageLookup.buildah(runner, buildah, environment), LocalImagePusher.buildah(runner, buildah, environment, plainHttp),
                "buildah"));
        return new BuildTools(tools);
    }

    public Optional<BuildTool> forKind(BuilderKind kind) {
        return Optional.ofNullable(tools.get(kind));
    }

    /** Tells each builder of the run, once, that the run has finished. */
    public void runFinished() throws InterruptedException {
        for (ImageBuilder builder : new java.util.LinkedHashSet<>(tools.values().stream().map(BuildTool::builder).toList())) {
            builder.runFinished();
        }
    }
}
