package io.imagegraph.core.pipeline;

import io.imagegraph.core.graph.BuilderKind;
import io.imagegraph.core.graph.LoadOptions;
import io.imagegraph.core.graph.LociSection;
import io.imagegraph.core.plan.Selection;
import io.imagegraph.core.registry.RegistryKind;
import io.imagegraph.core.registry.RegistrySetting;
import io.imagegraph.core.run.RunRequestException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A step's parameters, as a Jenkinsfile or the global configuration gives them (strings, with
 * blank meaning "not given"), made into the engine's options; what is wrong is refused naming the
 * parameter.
 */
public final class StepOptions {

    private StepOptions() {
    }

    /** The graph root: {@code dir} under the workspace (blank: the workspace). */
    public static Path root(Path workspace, String dir) {
        return blank(dir) ? workspace : workspace.resolve(dir.strip()).normalize();
    }

    /**
     * How to read the graph.
     *
     * @param graphFile the graph file, relative to the root (blank: imagegraph.yaml if there is one)
     * @param builder   docker or buildah for images whose entry names none (blank: docker)
     * @param platform  the target platform (blank: linux/amd64)
     * @param loci      LOCI settings for graph files without a loci section
     */
    public static LoadOptions load(String graphFile, String builder, String platform, Optional<LociSection> loci)
            throws RunRequestException {
        LoadOptions options = new LoadOptions(blank(graphFile) ? Optional.empty() : Optional.of(Path.of(graphFile.strip())),
                Map.of(), blank(platform) ? LoadOptions.DEFAULT_PLATFORM : platform.strip(), false);
        try {
            if (!blank(builder)) {
                options = options.withBuilder(BuilderKind.fromId(builder.strip()));
            }
        } catch (IllegalArgumentException e) {
            throw new RunRequestException("builder: " + e.getMessage());
        }
        return loci.map(options::withLoci).orElse(options);
    }

    /**
     * LOCI settings from the global configuration; empty when no context is configured.
     *
     * @throws RunRequestException when the context is a git URL without a pinned commit
     */
    public static Optional<LociSection> loci(String context, String ref, String base, String wheels)
            throws RunRequestException {
        if (blank(context)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LociSection(context.strip(), orNull(ref), orNull(base), orNull(wheels)));
        } catch (IllegalArgumentException e) {
            throw new RunRequestException("the configured LOCI settings: " + e.getMessage());
        }
    }

    /**
     * Which images.
     *
     * @param images   image names (none: every image)
     * @param profiles profiles of the graph file
     * @param matching regular expressions of names
     * @param excludes names or regular expressions to leave out
     */
    public static Selection selection(List<String> images, List<String> profiles, List<String> matching,
                                      List<String> excludes, boolean withParents, boolean withChildren,
                                      String platform) {
        return new Selection(images, matching, profiles, excludes, withParents, withChildren,
                blank(platform) ? Optional.empty() : Optional.of(platform.strip()));
    }

    /** How many images build at once: the number given, or with 0, the agent's cores. */
    public static int slots(int given) throws RunRequestException {
        if (given < 0) {
            throw new RunRequestException("slots must be at least 1 (or 0 for the agent's number of cores), not "
                    + given);
        }
        return given == 0 ? Runtime.getRuntime().availableProcessors() : given;
    }

    /**
     * The registry a step's {@code credentialsId} logs in to: its {@code registry}, which it needs
     * (the graph file's registry is read on the agent; the configured registries have their own).
     */
    public static String loginRegistry(String registry, String credentialsId) throws RunRequestException {
        if (blank(registry)) {
            throw new RunRequestException("credentialsId '" + credentialsId + "' needs registry: the registry it logs"
                    + " in to (or configure the registry with its credentials under Manage Jenkins > System >"
                    + " Image Graph)");
        }
        try {
            return RegistrySetting.parse(registry, RegistryKind.DOCKER_V2).host().value();
        } catch (IllegalArgumentException e) {
            throw new RunRequestException("registry: " + e.getMessage());
        }
    }

    /** A list parameter written as one string, its items separated by spaces or commas: {@code 'test nightly'}. */
    public static List<String> words(String value) {
        return blank(value) ? List.of() : List.of(value.strip().split("[\\s,]+"));
    }

    /** A parameter that may be blank, as an optional. */
    public static Optional<String> optional(String value) {
        return blank(value) ? Optional.empty() : Optional.of(value.strip());
    }

    private static String orNull(String value) {
        return blank(value) ? null : value.strip();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
