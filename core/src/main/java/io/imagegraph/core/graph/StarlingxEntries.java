package io.imagegraph.core.graph;

import io.imagegraph.core.starlingx.ImageBuildFile;
import io.imagegraph.core.starlingx.ImageBuildFiles;
import io.imagegraph.core.starlingx.PostBuildSteps;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * StarlingX image build files as graph-file entries, one an image named by its LABEL, each built
 * as {@code build-stx-images.sh} builds it: {@code BUILDER=docker} builds {@code DOCKER_FILE}
 * (default {@code <context>/Dockerfile}) in {@code DOCKER_CONTEXT} (default {@code docker}), both
 * beside the build file, with the build arg {@code BASE}; {@code BUILDER=loci} is a LOCI image
 * whose directives become LOCI's build args ({@link StarlingxLociArgs}); {@code BUILDER=script}
 * runs {@code [COMMAND] SCRIPT ARGS}, with the script's folder as its context. Every image gets the script's post-build steps
 * ({@link PostBuildSteps}). A change to the build file affects its image. An entry the graph file
 * itself gives for the same name wins.
 */
final class StarlingxEntries {

    private StarlingxEntries() {
    }

    static Map<String, ImageEntry> read(Path root, StarlingxSection section, LociSection loci,
                                        Optional<String> codename, List<GraphProblem> problems) {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<ImageBuildFile> files;
        try {
            files = ImageBuildFiles.discover(root, section.os(), section.stream(),
                    codename.or(() -> Optional.ofNullable(section.codename())), errors, warnings);
        } catch (IOException e) {
            problems.add(GraphProblem.error(GraphProblem.Kind.GRAPH_FILE, null, root.toString(),
                    "the StarlingX image build files cannot be read: " + e.getMessage()));
            return Map.of();
        }
        String base = section.base() != null ? section.base() : loci == null ? null : loci.base();
        Map<String, ImageEntry> entries = new LinkedHashMap<>();
        for (ImageBuildFile file : files) {
            String builder = file.value("BUILDER").orElseThrow();
            StarlingxLociArgs.unused(file, builder, warnings);
            List<String> postBuild = PostBuildSteps.of(file, errors);
            entry(root, file, builder, base, postBuild, errors, warnings)
                    .ifPresent(entry -> entries.put(file.value("LABEL").orElseThrow(), entry));
        }
        errors.forEach(problem -> problems.add(GraphProblem.error(GraphProblem.Kind.GRAPH_FILE, null, "starlingx",
                problem)));
        warnings.forEach(problem -> problems.add(GraphProblem.warning(GraphProblem.Kind.GRAPH_FILE, null, "starlingx",
                problem)));
        return entries;
    }

    private static Optional<ImageEntry> entry(Path root, ImageBuildFile file, String builder, String base,
                                              List<String> postBuild, List<String> errors, List<String> warnings) {
        String label = file.value("LABEL").orElseThrow();
        Path dir = file.file().getParent();
        switch (builder) {
            case "docker" -> {
                if (file.value("DOCKER_REPO").isPresent()) {
                    errors.add(file.at("DOCKER_REPO") + ": " + label + " builds from the git repository "
                            + file.value("DOCKER_REPO").get() + ", which image-graph does not fetch: check it out under"
                            + " the graph root and give images." + label + ".context (and dockerfile) in imagegraph.yaml");
                    return Optional.empty();
                }
                Path context = dir.resolve(file.value("DOCKER_CONTEXT").orElse("docker"));
                Path dockerfile = file.value("DOCKER_FILE").map(dir::resolve).orElse(context.resolve("Dockerfile"));
                Map<String, String> args = base == null ? Map.of() : Map.of("BASE", base);
                return Optional.of(entry(relative(root, context), relative(root, dockerfile), args, BuilderKind.DOCKER,
                        List.of(), watch(root, file), postBuild));
            }
            case "loci" -> {
                return StarlingxLociArgs.of(file, base, errors).map(args -> entry(null, null, args, BuilderKind.LOCI,
                        List.of(), watch(root, file), postBuild));
            }
            default -> {
                if (file.value("SCRIPT").isEmpty()) {
                    errors.add(file.file() + ": " + label + " says BUILDER=script but sets no SCRIPT to run");
                    return Optional.empty();
                }
                List<String> command = new ArrayList<>();
                Optional<String> shell = file.value("COMMAND");
                if (shell.isPresent() && !shell.get().equals("bash")) {
                    errors.add(file.at("COMMAND") + ": COMMAND " + shell.get() + " is not one build-stx-images.sh runs"
                            + " scripts with; it supports bash");
                    return Optional.empty();
                }
                shell.ifPresent(command::add);
                Path script = dir.resolve(file.value("SCRIPT").get());
                command.add(relative(root, script));
                file.value("ARGS").ifPresent(a -> command.addAll(Arrays.asList(a.split(" "))));
                file.value("SOURCE_REPO").ifPresent(repo -> warnings.add(file.at("SOURCE_REPO") + ": " + label
                        + " runs its SCRIPT in the graph root, not in a checkout of " + repo
                        + ", which image-graph does not fetch"));
                // the script's folder is the context, so the script and its files are in the input digest
                return Optional.of(entry(relative(root, script.getParent()), null, null, BuilderKind.SCRIPT, command,
                        watch(root, file), postBuild));
            }
        }
    }

    private static ImageEntry entry(String context, String dockerfile, Map<String, String> buildArgs,
                                    BuilderKind builder, List<String> command, List<String> watch,
                                    List<String> postBuild) {
        return new ImageEntry(context, dockerfile, buildArgs, builder, null, command.isEmpty() ? null : command, null,
                null, null, watch, null, null, null, postBuild);
    }

    /** A change to the build file itself affects the image (change detection by path). */
    private static List<String> watch(Path root, ImageBuildFile file) {
        return List.of(relative(root, file.file()));
    }

    private static String relative(Path root, Path path) {
        String text = root.relativize(path.normalize()).toString().replace('\\', '/');
        return text.isEmpty() ? "." : text;
    }
}
