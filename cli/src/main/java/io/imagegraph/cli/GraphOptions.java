package io.imagegraph.cli;

import io.imagegraph.core.graph.BuilderKind;
import io.imagegraph.core.graph.GraphProblem;
import io.imagegraph.core.graph.LoadOptions;
import io.imagegraph.core.ref.TargetPlatform;
import io.imagegraph.core.run.PlanRun;
import io.imagegraph.core.run.RunRequestException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the graph is and how to read it: shared by every command that loads a graph. */
final class GraphOptions {

    /** The graph root, absolute: builders run in it, so a relative one would be read twice relative. */
    Path dir;

    @Option(names = {"-d", "--dir"}, paramLabel = "DIR", defaultValue = ".",
            description = "The graph root: the folder holding images/<name>/Dockerfile (default: ${DEFAULT-VALUE}).")
    void dir(Path value) {
        dir = value.toAbsolutePath().normalize();
    }

    @Option(names = "--graph-file", paramLabel = "FILE",
            description = "The graph file, relative to the root (default: imagegraph.yaml if it exists).")
    Path graphFile;

    @Option(names = "--build-arg", paramLabel = "KEY=VALUE",
            description = "A build argument for every image, over the graph file's (repeatable).")
    Map<String, String> buildArgs = new LinkedHashMap<>();

    @Option(names = "--platform", paramLabel = "OS/ARCH[,OS/ARCH...]",
            description = "Platforms to build for (passed to the builder; several make an OCI index) for images whose"
                    + " graph entry names no platforms of its own; the first sets TARGETARCH and friends in FROM lines"
                    + " and leaves out images the graph marks unbuildable on it (default: linux/amd64, the builder's"
                    + " own platform).")
    String platform;

    @Option(names = "--builder", paramLabel = "docker|buildah", defaultValue = "docker",
            description = "The builder of images whose graph entry names none (default: ${DEFAULT-VALUE}).")
    String builder;

    @Option(names = "--os-codename", paramLabel = "CODENAME",
            description = "StarlingX: read the build files of this OS codename (debian/<CODENAME>/), over the graph"
                    + " file's starlingx.codename.")
    String osCodename;

    @Option(names = "--strict", description = "Treat lint warnings (such as an external base not pinned by digest) as errors.")
    boolean strict;

    /** The platforms --platform names, in order; empty when it is not given. */
    List<String> platforms() throws BadInputException {
        if (platform == null) {
            return List.of();
        }
        try {
            return TargetPlatform.parseList(platform).stream().map(TargetPlatform::toString).toList();
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--platform: " + e.getMessage());
        }
    }

    /** The first platform --platform names, which sets TARGETARCH and selects images. */
    Optional<String> targetPlatform() throws BadInputException {
        return platforms().stream().findFirst();
    }

    LoadOptions loadOptions() throws BadInputException {
        LoadOptions options;
        try {
            options = new LoadOptions(Optional.ofNullable(graphFile), buildArgs,
                    targetPlatform().orElse(LoadOptions.DEFAULT_PLATFORM), strict)
                    .withBuilder(BuilderKind.fromId(builder))
                    .withPlatforms(platforms());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--builder: " + e.getMessage());
        }
        try {
            return osCodename == null ? options : options.withOsCodename(osCodename);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--os-codename: " + e.getMessage());
        }
    }

    /** The graph, with its warnings printed to {@code err}; or every error, as bad input. */
    PlanRun.LoadedGraph load(PrintWriter err) throws BadInputException {
        PlanRun.LoadedGraph loaded;
        try {
            loaded = PlanRun.load(dir, loadOptions());
        } catch (RunRequestException e) {
            throw new BadInputException(List.of(e.getMessage().split("\n")));
        }
        printWarnings(loaded.warnings(), err);
        return loaded;
    }

    static void printWarnings(List<GraphProblem> warnings, PrintWriter err) {
        for (GraphProblem warning : warnings) {
            err.println("warning: " + warning);
        }
        err.flush();
    }
}
