package io.imagegraph.core.graph;

import io.imagegraph.core.starlingx.ImageBuildFile;
import io.imagegraph.core.starlingx.ImageBuildFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * StarlingX image build files as graph-file entries, one an image named by its LABEL:
 * {@code BUILDER=docker} builds {@code DOCKER_FILE} in {@code DOCKER_CONTEXT} (both beside the
 * build file), {@code BUILDER=loci} is a LOCI image whose directives become its build args, and
 * {@code BUILDER=script} runs {@code SCRIPT ARGS}, with the script's folder as its context. A change to the build file affects its image.
 * An entry the graph file itself gives for the same name wins.
 */
final class StarlingxEntries {

    /** StarlingX directive → LOCI build arg, where the names differ. */
    private static final Map<String, String> LOCI_ARGS = Map.ofEntries(Map.entry("PROJECT_UID", "UID"),
            Map.entry("PROJECT_GID", "GID"));

    /** Directives that are StarlingX's own (not LOCI build args). */
    private static final List<String> NOT_ARGS = List.of("BUILDER", "LABEL", "CUSTOMIZATION", "IMAGE_UPDATE_VER",
            "UPDATE_IMAGE", "MIRROR_LOCAL");

    private StarlingxEntries() {
    }

    static Map<String, ImageEntry> read(Path root, StarlingxSection section, List<GraphProblem> problems) {
        List<String> found = new ArrayList<>();
        List<ImageBuildFile> files;
        try {
            files = ImageBuildFiles.discover(root, section.os(), section.stream(), found);
        } catch (IOException e) {
            problems.add(GraphProblem.error(GraphProblem.Kind.GRAPH_FILE, null, root.toString(),
                    "the StarlingX image build files cannot be read: " + e.getMessage()));
            return Map.of();
        }
        found.forEach(problem -> problems.add(GraphProblem.error(GraphProblem.Kind.GRAPH_FILE, null, "starlingx",
                problem)));
        Map<String, ImageEntry> entries = new LinkedHashMap<>();
        for (ImageBuildFile file : files) {
            String label = file.value("LABEL").orElseThrow();
            Path dir = file.file().getParent();
            switch (file.value("BUILDER").orElseThrow()) {
                case "docker" -> {
                    if (file.value("DOCKER_REPO").isPresent()) {
                        problems.add(GraphProblem.error(GraphProblem.Kind.GRAPH_FILE, label, file.at("DOCKER_REPO"),
                                label + " builds from the git repository " + file.value("DOCKER_REPO").get()
                                        + ", which image-graph does not fetch: check it out under the graph root and"
                                        + " give images." + label + ".context (and dockerfile) in imagegraph.yaml"));
                        continue;
                    }
                    String context = relative(root, dir.resolve(file.value("DOCKER_CONTEXT").orElse(".")));
                    String dockerfile = file.value("DOCKER_FILE").map(f -> relative(root, dir.resolve(f))).orElse(null);
                    entries.put(label, entry(context, dockerfile, null, BuilderKind.DOCKER, List.of(), watch(root, file)));
                }
                case "loci" -> {
                    Map<String, String> args = new TreeMap<>();
                    file.values().forEach((key, value) -> {
                        if (!NOT_ARGS.contains(key) && !value.isBlank()) {
                            args.put(LOCI_ARGS.getOrDefault(key, key), value);
                        }
                    });
                    entries.put(label, entry(null, null, args, BuilderKind.LOCI, List.of(), watch(root, file)));
                }
                default -> {
                    if (file.value("SCRIPT").isEmpty()) {
                        problems.add(GraphProblem.error(GraphProblem.Kind.GRAPH_FILE, label, file.file().toString(),
                                label + " says BUILDER=script but sets no SCRIPT to run"));
                        continue;
                    }
                    Path script = dir.resolve(file.value("SCRIPT").get());
                    List<String> command = new ArrayList<>();
                    command.add(relative(root, script));
                    file.value("ARGS").ifPresent(a -> command.addAll(Arrays.asList(a.split(" "))));
                    // the script's folder is the context, so the script and its files are in the input digest
                    entries.put(label, entry(relative(root, script.getParent()), null, null, BuilderKind.SCRIPT,
                            command, watch(root, file)));
                }
            }
        }
        return entries;
    }

    private static ImageEntry entry(String context, String dockerfile, Map<String, String> buildArgs,
                                    BuilderKind builder, List<String> command, List<String> watch) {
        return new ImageEntry(context, dockerfile, buildArgs, builder, null, command.isEmpty() ? null : command, null,
                null, null, watch, null, null, null);
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
