package io.imagegraph.core.graph;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to load a graph.
 *
 * @param graphFile a graph file other than {@code <root>/imagegraph.yaml}
 * @param buildArgs build arguments that override the graph file's, for every image
 * @param platform  the target platform, which sets TARGETARCH and friends in FROM lines
 * @param strict    whether lint warnings (such as an unpinned external base) are errors
 * @param builder   the builder of images whose graph entry names none: docker or buildah
 * @param loci      how {@code builder: loci} images build when the graph file has no {@code loci} section
 * @param osCodename the StarlingX OS codename to read build files for, over the graph file's
 *                   {@code starlingx.codename}
 * @param platforms the platforms ({@code --platform a,b}) every image whose entry has no {@code platforms:}
 *                  is built for; empty: the builder's own
 */
public record LoadOptions(Optional<Path> graphFile, Map<String, String> buildArgs, String platform, boolean strict,
                          BuilderKind builder, Optional<LociSection> loci, Optional<String> osCodename,
                          List<String> platforms) {

    public static final String DEFAULT_PLATFORM = "linux/amd64";

    public LoadOptions {
        buildArgs = Map.copyOf(buildArgs);
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
        if (osCodename.isPresent() && !osCodename.get().matches("[a-z0-9]+")) {
            throw new IllegalArgumentException("'" + osCodename.get() + "' is not an OS codename, such as bullseye or"
                    + " trixie");
        }
        if (builder != BuilderKind.DOCKER && builder != BuilderKind.BUILDAH) {
            throw new IllegalArgumentException("the default builder is docker or buildah, not " + builder
                    + " (LOCI and script images say so in the graph file, with what they need)");
        }
    }

    /** Options that build each image for its own platforms, else the builder's. */
    public LoadOptions(Optional<Path> graphFile, Map<String, String> buildArgs, String platform, boolean strict,
                       BuilderKind builder, Optional<LociSection> loci, Optional<String> osCodename) {
        this(graphFile, buildArgs, platform, strict, builder, loci, osCodename, List.of());
    }

    /** The same options building images without platforms of their own for these. */
    public LoadOptions withPlatforms(List<String> value) {
        return new LoadOptions(graphFile, buildArgs, platform, strict, builder, loci, osCodename, value);
    }

    /** Options with docker as the builder of images whose entry names none, and no LOCI defaults. */
    public LoadOptions(Optional<Path> graphFile, Map<String, String> buildArgs, String platform, boolean strict) {
        this(graphFile, buildArgs, platform, strict, BuilderKind.DOCKER, Optional.empty(), Optional.empty());
    }

    public static LoadOptions defaults() {
        return new LoadOptions(Optional.empty(), Map.of(), DEFAULT_PLATFORM, false);
    }

    public LoadOptions withStrict(boolean value) {
        return new LoadOptions(graphFile, buildArgs, platform, value, builder, loci, osCodename, platforms);
    }

    /** The same options with another builder for images whose entry names none. */
    public LoadOptions withBuilder(BuilderKind value) {
        return new LoadOptions(graphFile, buildArgs, platform, strict, value, loci, osCodename, platforms);
    }

    /** The same options with LOCI settings for graph files that have none. */
    public LoadOptions withLoci(LociSection value) {
        return new LoadOptions(graphFile, buildArgs, platform, strict, builder, Optional.of(value), osCodename, platforms);
    }

    /** The same options with the StarlingX OS codename given on the command line. */
    public LoadOptions withOsCodename(String value) {
        return new LoadOptions(graphFile, buildArgs, platform, strict, builder, loci, Optional.of(value), platforms);
    }
}
