package io.imagegraph.core.graph;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything the graph says about one image once its folder and its graph-file entry are merged.
 * Paths are relative to the graph root, with '/' separators, so they read the same on any machine.
 *
 * @param name        the image name, which is also its repository name under the namespace
 * @param folder      the {@code images/<name>} folder it was found in, if any
 * @param context     the build context directory
 * @param dockerfile  the Dockerfile, if the builder uses one
 * @param buildArgs   resolved build arguments, sorted by name
 * @param builder     which tool builds it
 * @param target      the stage to build, if not the last
 * @param command     for the script builder, argv that builds the image
 * @param tags        tags this image is pushed under besides the run's own
 * @param smokeTests  tests the gate runs
 * @param profiles    profiles the image declares itself in
 * @param watch       extra patterns whose change affects it
 * @param dependsOn   explicit dependencies on other images of the graph
 * @param unbuildable platform to reason, for platforms it cannot be built for
 * @param metadata    environment, ports and labels a deployment sets (not an input of the build)
 * @param build       network, secrets and mirrors of its build (not inputs of the build either)
 * @param postBuild   Dockerfile instructions applied to the built image as root, its USER kept
 *                    (StarlingX's CUSTOMIZATION and POSTBUILD_* directives)
 * @param platforms   the platforms it is built for ({@code os/arch}); several make an OCI index;
 *                    empty: the builder's own platform
 */
public record ImageSpec(String name, Optional<String> folder, String context, Optional<String> dockerfile,
                        SortedMap<String, String> buildArgs, BuilderKind builder, Optional<String> target,
                        List<String> command, List<String> tags, List<SmokeTest> smokeTests, List<String> profiles,
                        List<String> watch, List<String> dependsOn, Map<String, String> unbuildable,
                        ImageMetadata metadata, BuildSettings build, List<String> postBuild, List<String> platforms) {

    public ImageSpec {
        buildArgs = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(buildArgs));
        command = List.copyOf(command);
        tags = List.copyOf(tags);
        smokeTests = List.copyOf(smokeTests);
        profiles = List.copyOf(profiles);
        watch = List.copyOf(watch);
        dependsOn = List.copyOf(dependsOn);
        unbuildable = Map.copyOf(unbuildable);
        build = build == null ? BuildSettings.defaults() : build;
        postBuild = List.copyOf(postBuild);
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
    }

    /** A spec built for the builder's own platform. */
    public ImageSpec(String name, Optional<String> folder, String context, Optional<String> dockerfile,
                     SortedMap<String, String> buildArgs, BuilderKind builder, Optional<String> target,
                     List<String> command, List<String> tags, List<SmokeTest> smokeTests, List<String> profiles,
                     List<String> watch, List<String> dependsOn, Map<String, String> unbuildable,
                     ImageMetadata metadata, BuildSettings build, List<String> postBuild) {
        this(name, folder, context, dockerfile, buildArgs, builder, target, command, tags, smokeTests, profiles, watch,
                dependsOn, unbuildable, metadata, build, postBuild, List.of());
    }

    /** The same spec built for these platforms. */
    public ImageSpec withPlatforms(List<String> value) {
        return new ImageSpec(name, folder, context, dockerfile, buildArgs, builder, target, command, tags, smokeTests,
                profiles, watch, dependsOn, unbuildable, metadata, build, postBuild, value);
    }

    /** A spec whose build has the default network, no secrets and no mirrors. */
    public ImageSpec(String name, Optional<String> folder, String context, Optional<String> dockerfile,
                     SortedMap<String, String> buildArgs, BuilderKind builder, Optional<String> target,
                     List<String> command, List<String> tags, List<SmokeTest> smokeTests, List<String> profiles,
                     List<String> watch, List<String> dependsOn, Map<String, String> unbuildable,
                     ImageMetadata metadata) {
        this(name, folder, context, dockerfile, buildArgs, builder, target, command, tags, smokeTests, profiles, watch,
                dependsOn, unbuildable, metadata, BuildSettings.defaults(), List.of());
    }

    /** A spec with post-build steps whose build has the default network, no secrets and no mirrors. */
    public ImageSpec(String name, Optional<String> folder, String context, Optional<String> dockerfile,
                     SortedMap<String, String> buildArgs, BuilderKind builder, Optional<String> target,
                     List<String> command, List<String> tags, List<SmokeTest> smokeTests, List<String> profiles,
                     List<String> watch, List<String> dependsOn, Map<String, String> unbuildable,
                     ImageMetadata metadata, List<String> postBuild) {
        this(name, folder, context, dockerfile, buildArgs, builder, target, command, tags, smokeTests, profiles, watch,
                dependsOn, unbuildable, metadata, BuildSettings.defaults(), postBuild);
    }

    /** Where messages about the Dockerfile point: its path, or the image's folder. */
    public String dockerfileOrFolder() {
        return dockerfile.or(() -> folder).orElse(context);
    }
}
