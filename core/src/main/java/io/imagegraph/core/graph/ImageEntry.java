package io.imagegraph.core.graph;

import java.util.List;
import java.util.Map;

/**
 * One image's entry in the graph file. Every field is optional; a field left out keeps what the
 * {@code images/<name>/} folder gives. Paths are relative to the graph root.
 *
 * @param context      the build context directory
 * @param dockerfile   the Dockerfile
 * @param buildArgs    build arguments, which also resolve ARGs in FROM lines
 * @param builder      docker (the default), buildah, loci or script
 * @param target       the stage to build in a multi-stage Dockerfile
 * @param command      for the script builder: argv that builds the image
 * @param tags         tags for this image instead of the global ones
 * @param smokeTests   tests the gate runs against the fresh image
 * @param profiles     profiles this image belongs to
 * @param watch        extra paths (patterns as in .dockerignore) whose change affects the image
 * @param dependsOn    images this one needs although no FROM says so
 * @param unbuildable  platforms (such as {@code linux/arm64}) this image cannot be built for, with the reason
 * @param metadata     environment, ports and labels a deployment sets for the image
 * @param network      the network its build gets (default, host or none), over the graph file's
 * @param secrets      secrets its build may mount ({@code RUN --mount=type=secret,id=...})
 * @param postBuild    Dockerfile instructions applied to the built image, as root, after its build
 * @param platforms    the platforms to build it for ({@code linux/amd64}, {@code linux/arm64}); several make an
 *                     OCI index; empty: the run's {@code --platform}, else the builder's own platform
 */
public record ImageEntry(String context, String dockerfile, Map<String, String> buildArgs, BuilderKind builder,
                         String target, List<String> command, List<String> tags, List<SmokeTest> smokeTests,
                         List<String> profiles, List<String> watch, List<String> dependsOn,
                         Map<String, String> unbuildable, ImageMetadata metadata, NetworkMode network,
                         List<BuildSecret> secrets, List<String> postBuild, List<String> platforms) {

    public ImageEntry {
        buildArgs = YamlValues.strings(buildArgs);
        command = YamlValues.list(command, "command");
        tags = YamlValues.list(tags, "tags");
        smokeTests = YamlValues.list(smokeTests, "smokeTests");
        profiles = profiles == null ? List.of() : YamlValues.list(profiles, "profiles");
        watch = watch == null ? List.of() : YamlValues.list(watch, "watch");
        dependsOn = dependsOn == null ? List.of() : YamlValues.list(dependsOn, "dependsOn");
        unbuildable = unbuildable == null ? Map.of() : YamlValues.strings(unbuildable);
        metadata = metadata == null ? ImageMetadata.none() : metadata;
        secrets = secrets == null ? List.of() : YamlValues.list(secrets, "secrets");
        postBuild = postBuild == null ? List.of() : YamlValues.list(postBuild, "postBuild");
        platforms = platforms == null ? List.of() : YamlValues.list(platforms, "platforms");
    }

    /** An entry built for the run's platforms. */
    public ImageEntry(String context, String dockerfile, Map<String, String> buildArgs, BuilderKind builder,
                      String target, List<String> command, List<String> tags, List<SmokeTest> smokeTests,
                      List<String> profiles, List<String> watch, List<String> dependsOn,
                      Map<String, String> unbuildable, ImageMetadata metadata, NetworkMode network,
                      List<BuildSecret> secrets, List<String> postBuild) {
        this(context, dockerfile, buildArgs, builder, target, command, tags, smokeTests, profiles, watch, dependsOn,
                unbuildable, metadata, network, secrets, postBuild, null);
    }

    /** An entry that leaves network and secrets as the graph file says. */
    public ImageEntry(String context, String dockerfile, Map<String, String> buildArgs, BuilderKind builder,
                      String target, List<String> command, List<String> tags, List<SmokeTest> smokeTests,
                      List<String> profiles, List<String> watch, List<String> dependsOn,
                      Map<String, String> unbuildable, ImageMetadata metadata) {
        this(context, dockerfile, buildArgs, builder, target, command, tags, smokeTests, profiles, watch, dependsOn,
                unbuildable, metadata, null, null, null);
    }

    /** An entry with post-build steps that leaves network and secrets as the graph file says. */
    public ImageEntry(String context, String dockerfile, Map<String, String> buildArgs, BuilderKind builder,
                      String target, List<String> command, List<String> tags, List<SmokeTest> smokeTests,
                      List<String> profiles, List<String> watch, List<String> dependsOn,
                      Map<String, String> unbuildable, ImageMetadata metadata, List<String> postBuild) {
        this(context, dockerfile, buildArgs, builder, target, command, tags, smokeTests, profiles, watch, dependsOn,
                unbuildable, metadata, null, null, postBuild);
    }
}
