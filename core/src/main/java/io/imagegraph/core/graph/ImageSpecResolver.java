package io.imagegraph.core.graph;

import io.imagegraph.core.graph.GraphFileReader.LocatedGraphFile;
import io.imagegraph.core.graph.ImageFolderDiscovery.ImageFolder;
import io.imagegraph.core.ref.RepositoryName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Merges the discovered {@code images/<name>/} folders with the graph file's entries into one
 * {@link ImageSpec} per image, reporting duplicate and invalid names and paths that leave the root.
 */
final class ImageSpecResolver {

    private final Path root;
    private final LocatedGraphFile graphFile;
    private final Map<String, String> buildArgOverrides;
    private final BuilderKind defaultBuilder;
    private final List<GraphProblem> problems;

    ImageSpecResolver(Path root, LocatedGraphFile graphFile, Map<String, String> buildArgOverrides,
                      BuilderKind defaultBuilder, List<GraphProblem> problems) {
        this.root = root;
        this.defaultBuilder = defaultBuilder;
        this.graphFile = graphFile;
        this.buildArgOverrides = buildArgOverrides;
        this.problems = problems;
    }

    Map<String, ImageSpec> resolve(List<ImageFolder> folders) {
        Map<String, ImageFolder> byName = new LinkedHashMap<>();
        for (ImageFolder folder : folders) {
            ImageFolder first = byName.get(folder.name());
            if (first != null) {
                problems.add(GraphProblem.error(GraphProblem.Kind.DUPLICATE_NAME, folder.name(), folder.folder(),
                        "the image name '" + folder.name() + "' is also used by " + first.folder()
                                + "; image names must be unique across the graph, so rename one of the folders"));
                continue;
            }
            byName.put(folder.name(), folder);
        }
        Map<String, ImageSpec> specs = new TreeMap<>();
        for (ImageFolder folder : byName.values()) {
            ImageEntry entry = graphFile.file().images().get(folder.name());
            if (folder.outsideRoot().isPresent()) {
                problems.add(GraphProblem.error(GraphProblem.Kind.INVALID_PATH, folder.name(), folder.folder(),
                        "this image folder is a symbolic link to " + folder.outsideRoot().get() + ", outside the graph root;"
                                + " image folders must stay under the root, so copy the folder in or remove the link"));
                continue;
            }
            if (folder.buildFiles().size() > 1 && (entry == null || entry.dockerfile() == null)) {
                problems.add(GraphProblem.error(GraphProblem.Kind.INVALID_PATH, folder.name(), folder.folder(),
                        "this image folder holds both a Dockerfile and a Containerfile; remove one, or say which to"
                                + " build with 'dockerfile:' in its entry of " + graphFile.name()));
                continue;
            }
            boolean entryNamesBuildFile = entry != null && entry.dockerfile() != null;
            if (!folder.hasDockerfile() && !entryNamesBuildFile && (entry == null || needsDockerfile(entry))) {
                problems.add(GraphProblem.warning(GraphProblem.Kind.NOT_AN_IMAGE, folder.name(), folder.folder(),
                        "this folder has no Dockerfile (or Containerfile) and no entry in " + graphFile.name()
                                + ", so it is not an image; add a Dockerfile or remove the folder from images/"));
                continue;
            }
            if (checkName(folder.name(), folder.folder())) {
                spec(folder.name(), Optional.of(folder.folder()), folder.buildFile(), entry)
                        .ifPresent(spec -> specs.put(spec.name(), spec));
            }
        }
        for (Map.Entry<String, ImageEntry> declared : graphFile.file().images().entrySet()) {
            if (byName.containsKey(declared.getKey())) {
                continue;
            }
            String where = graphFile.at("images." + declared.getKey());
            if (checkName(declared.getKey(), where)) {
                spec(declared.getKey(), Optional.empty(), Optional.empty(), declared.getValue())
                        .ifPresent(spec -> specs.put(spec.name(), spec));
            }
        }
        return specs;
    }

    /** Whether an image folder must hold a Dockerfile of its own: not for LOCI (LOCI's) nor script images. */
    private static boolean needsDockerfile(ImageEntry entry) {
        return entry.builder() == null || entry.builder() == BuilderKind.DOCKER || entry.builder() == BuilderKind.BUILDAH;
    }

    /**
     * A LOCI image's entry with the graph file's {@code loci} settings filled in where the entry
     * says nothing: LOCI's context and Dockerfile, {@code FROM} and {@code WHEELS}, and the wheels
     * image as a parent (the wheels image itself excepted). Empty, with a problem, when the graph
     * file has no {@code loci} section.
     */
    private Optional<ImageEntry> withLociDefaults(String name, ImageEntry e) {
        LociSection loci = graphFile.file().loci();
        if (loci == null) {
            problems.add(GraphProblem.error(GraphProblem.Kind.GRAPH_FILE, name, graphFile.at("images." + name),
                    "image '" + name + "' is built with builder: loci, but " + graphFile.name() + " has no 'loci'"
                            + " section saying where LOCI's context is (loci: {context: PATH, base: IMAGE, wheels: IMAGE})"));
            return Optional.empty();
        }
        String context = e.context() != null ? e.context() : loci.context();
        String dockerfile = e.dockerfile() != null ? e.dockerfile()
                : (context.equals(".") ? "" : context + "/") + "Dockerfile";
        Map<String, String> args = new TreeMap<>(e.buildArgs() == null ? Map.of() : e.buildArgs());
        if (loci.base() != null) {
            args.putIfAbsent("FROM", loci.base());
        }
        List<String> dependsOn = new java.util.ArrayList<>(e.dependsOn());
        if (loci.wheels() != null && !loci.wheels().equals(name)) {
            args.putIfAbsent("WHEELS", loci.wheels());
            if (loci.wheelsIsGraphImage() && !dependsOn.contains(loci.wheels())) {
                dependsOn.add(loci.wheels());
            }
        }
        return Optional.of(new ImageEntry(context, dockerfile, args, BuilderKind.LOCI, e.target(), e.command(), e.tags(),
                e.smokeTests(), e.profiles(), e.watch(), dependsOn, e.unbuildable(), e.metadata(), e.network(),
                e.secrets(), e.postBuild(), e.platforms()));
    }

    private boolean checkName(String name, String where) {
        if (RepositoryName.isValid(name)) {
            return true;
        }
        problems.add(GraphProblem.error(GraphProblem.Kind.INVALID_NAME, name, where,
                "'" + name + "' is not a valid OCI repository name (" + RepositoryName.rule()
                        + "); rename it, for example to '" + suggestName(name) + "'"));
        return false;
    }

    private static String suggestName(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._/-]+", "-")
                .replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
        return lower.isEmpty() ? "image" : lower;
    }

    private Optional<ImageSpec> spec(String name, Optional<String> folder, Optional<String> folderBuildFile,
                                     ImageEntry entry) {
        String keyPath = "images." + name;
        ImageEntry e = entry == null ? emptyEntry() : entry;
        if (e.builder() == BuilderKind.LOCI) {
            Optional<ImageEntry> withDefaults = withLociDefaults(name, e);
            if (withDefaults.isEmpty()) {
                return Optional.empty();
            }
            e = withDefaults.get();
        }
        BuilderKind builder = e.builder() == null ? defaultBuilder : e.builder();
        Optional<String> context = path(e.context(), keyPath + ".context", name);
        Optional<String> dockerfile = path(e.dockerfile(), keyPath + ".dockerfile", name);
        if ((e.context() != null && context.isEmpty()) || (e.dockerfile() != null && dockerfile.isEmpty())) {
            return Optional.empty();
        }
        String contextDir = context.or(() -> folder).or(() -> dockerfile.map(ImageSpecResolver::parentOf)).orElse(null);
        if (contextDir == null) {
            if (builder.needsDockerfile()) {
                problems.add(GraphProblem.error(GraphProblem.Kind.INVALID_PATH, name, graphFile.at(keyPath),
                        "image '" + name + "' has no images/" + name + "/ folder and its entry gives neither"
                                + " 'context' nor 'dockerfile'; add one of them or create images/" + name + "/Dockerfile"));
                return Optional.empty();
            }
            contextDir = ".";
        }
        boolean discoveredFolder = folder.isPresent() && contextDir.equals(folder.get());
        if (!discoveredFolder && !Files.isDirectory(root.resolve(contextDir))) {
            problems.add(GraphProblem.error(GraphProblem.Kind.INVALID_PATH, name, graphFile.at(keyPath + ".context"),
                    "the build context '" + contextDir + "' of image '" + name + "' is not a directory under "
                            + root + "; fix the path"));
            return Optional.empty();
        }
        String base = contextDir;
        Optional<String> dockerfilePath = dockerfile.or(() -> builder.needsDockerfile()
                ? Optional.of(discoveredFolder && folderBuildFile.isPresent() ? folderBuildFile.get()
                        : base.equals(".") ? "Dockerfile" : base + "/Dockerfile") : Optional.empty());
        if (!PostBuildInstructions.check(e.postBuild(), name, graphFile.at(keyPath + ".postBuild"), problems)) {
            return Optional.empty();
        }
        Map<String, String> buildArgs = new TreeMap<>(e.buildArgs() == null ? Map.of() : e.buildArgs());
        buildArgs.putAll(buildArgOverrides);
        return Optional.of(new ImageSpec(name, folder, contextDir, dockerfilePath, new TreeMap<>(buildArgs), builder,
                Optional.ofNullable(e.target()), e.command() == null ? List.of() : e.command(),
                e.tags() == null ? graphFile.file().tags() : e.tags(),
                e.smokeTests() == null ? List.of() : e.smokeTests(), e.profiles(), e.watch(), e.dependsOn(),
                e.unbuildable(), e.metadata(), buildSettings(e), e.postBuild(), e.platforms()));
    }

    private BuildSettings buildSettings(ImageEntry e) {
        GraphFile file = graphFile.file();
        return new BuildSettings(e.network() != null ? e.network() : file.network(), e.secrets(),
                file.mirrors().buildArgs(), java.util.Optional.ofNullable(file.freshness()).map(BuildSettings::parseFreshness));
    }

    /** A graph-file path made relative and '/'-separated, or empty (with a problem) when it leaves the root. */
    private Optional<String> path(String value, String keyPath, String image) {
        if (value == null) {
            return Optional.empty();
        }
        Path resolved = root.resolve(value).normalize();
        if (!resolved.startsWith(root)) {
            problems.add(GraphProblem.error(GraphProblem.Kind.INVALID_PATH, image, graphFile.at(keyPath),
                    "'" + value + "' points outside the graph root " + root
                            + "; paths in the graph file are relative to the root and must stay under it"));
            return Optional.empty();
        }
        String relative = ImageFolderDiscovery.relative(root, resolved);
        return Optional.of(relative.isEmpty() ? "." : relative);
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "." : path.substring(0, slash);
    }

    private static ImageEntry emptyEntry() {
        return new ImageEntry(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
