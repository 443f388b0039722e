package io.imagegraph.core.graph;

import io.imagegraph.core.dockerfile.DockerfileDependencies;
import io.imagegraph.core.dockerfile.ImageDependency;
import io.imagegraph.core.files.FileWorkPool;
import io.imagegraph.core.graph.GraphFileReader.LocatedGraphFile;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.ref.ImageRef;
import io.imagegraph.core.ref.InvalidReferenceException;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.ref.RepositoryName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Loads and validates the image graph under a root: discovers the {@code images/<name>/} folders,
 * applies the graph file, parses every Dockerfile, resolves each image reference to an internal
 * edge or an external base, and reports every problem found as a {@link GraphProblem}.
 */
public final class GraphLoader {

    /** References longer than this are refused without being parsed or repeated in full. */
    private static final int MAX_REFERENCE = 4096;

    private GraphLoader() {
    }

    public static GraphLoadResult load(Path dir, LoadOptions options) {
        Path root = dir.toAbsolutePath().normalize();
        List<GraphProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            problems.add(GraphProblem.error(GraphProblem.Kind.INVALID_PATH, null, root.toString(),
                    "this is not a directory; pass the folder that holds images/<name>/Dockerfile (--dir)"));
            return new GraphLoadResult(Optional.empty(), problems);
        }
        Optional<LocatedGraphFile> graphFile = readGraphFile(root, options, problems);
        if (graphFile.isEmpty()) {
            return new GraphLoadResult(Optional.empty(), problems);
        }
        LocatedGraphFile located = graphFile.get();
        LociSection loci = located.file().loci();
        if (loci == null && options.loci().isPresent()) {
            loci = options.loci().get();
            located = new LocatedGraphFile(located.name(), located.file().withLoci(loci), located.lines());
        }
        if (located.file().kolla() != null) {
            located = new LocatedGraphFile(located.name(), located.file().withImages(KollaEntries.read(root,
                    located.file(), located.at("kolla"), problems)), located.lines());
        }
        if (located.file().starlingx() != null) {
            located = new LocatedGraphFile(located.name(), located.file().withImages(StarlingxEntries.read(root,
                    located.file().starlingx(), loci, options.osCodename(), problems)), located.lines());
        }
        if (loci != null && loci.isGitUrl()) {
            Optional<String> checkout;
            try {
                // Loading a graph otherwise only reads files; LOCI's checkout is the one thing fetched.
                checkout = LociCheckout.ensure(root, loci, new LocalProcessRunner(), located.at("loci.context"), problems);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new GraphLoadResult(Optional.empty(), problems);
            }
            if (checkout.isEmpty()) {
                return new GraphLoadResult(Optional.empty(), problems);
            }
            located = new LocatedGraphFile(located.name(), located.file().withLoci(loci.withContext(checkout.get())),
                    located.lines());
        }
        checkGlobals(located, problems);
        List<ImageFolderDiscovery.ImageFolder> folders;
        try {
            folders = ImageFolderDiscovery.discover(root);
        } catch (IOException e) {
            problems.add(GraphProblem.error(GraphProblem.Kind.INVALID_PATH, null, root.toString(),
                    "the images/ folders cannot be listed: " + e.getMessage()));
            return new GraphLoadResult(Optional.empty(), problems);
        }
        Map<String, ImageSpec> specs = new ImageSpecResolver(root, located, options.buildArgs(), options.builder(), problems)
                .resolve(folders);
        SpecPlatforms.apply(specs, options.platforms(), located, problems);
        if (specs.isEmpty() && problems.stream().noneMatch(GraphProblem::isError)) {
            problems.add(GraphProblem.error(GraphProblem.Kind.INVALID_PATH, null, root.toString(),
                    "no images found: expected folders images/<name>/ with a Dockerfile, or images declared in "
                            + located.name()));
        }
        Map<String, ImageNode> nodes = resolveEdges(root, located, specs, options, problems);
        checkProfiles(located, specs, problems);
        Map<String, SortedSet<String>> parents = new TreeMap<>();
        nodes.forEach((name, node) -> parents.put(name, node.parents()));
        for (List<String> cycle : CycleFinder.cycles(parents)) {
            problems.add(cycleProblem(cycle, nodes));
        }
        if (problems.stream().anyMatch(GraphProblem::isError)) {
            return new GraphLoadResult(Optional.empty(), problems);
        }
        ImageGraph graph = new ImageGraph(root, located.name(), Optional.ofNullable(located.file().registry()),
                Optional.ofNullable(located.file().namespace()), nodes, located.file().profiles(),
                located.file().upstream().settings(), located.file().retention().policy(),
                io.imagegraph.core.mutate.Mutation.of(located.file().mutations()),
                located.file().quotas().stream().map(io.imagegraph.core.quota.QuotaEntry::quota).toList());
        return new GraphLoadResult(Optional.of(graph), problems);
    }

    private static Optional<LocatedGraphFile> readGraphFile(Path root, LoadOptions options, List<GraphProblem> problems) {
        Path file = options.graphFile().map(root::resolve).orElse(root.resolve(GraphFile.FILE_NAME));
        String display = file.startsWith(root) ? ImageFolderDiscovery.relative(root, file) : file.toString();
        if (options.graphFile().isEmpty() && !Files.exists(file)) {
            return Optional.of(new LocatedGraphFile(display, GraphFile.empty(), Map.of()));
        }
        try {
            return Optional.of(GraphFileReader.read(file, display));
        } catch (GraphFileException e) {
            for (GraphFileException.Problem problem : e.problems()) {
                problems.add(GraphProblem.error(GraphProblem.Kind.GRAPH_FILE, null,
                        e.file() + (problem.line() > 0 ? " line " + problem.line() : ""), problem.problem()));
            }
            return Optional.empty();
        }
    }

    private static void checkGlobals(LocatedGraphFile located, List<GraphProblem> problems) {
        GraphFile file = located.file();
        if (file.registry() != null) {
            try {
                RegistryHost.parse(file.registry());
            } catch (InvalidReferenceException e) {
                problems.add(GraphProblem.error(GraphProblem.Kind.GRAPH_FILE, null, located.at("registry"),
                        e.getMessage()));
            }
        }
        if (file.namespace() != null && !RepositoryName.isValid(file.namespace())) {
            problems.add(GraphProblem.error(GraphProblem.Kind.GRAPH_FILE, null, located.at("namespace"),
                    "'" + file.namespace() + "' is not a valid namespace (" + RepositoryName.rule() + ")"));
        }
        file.mutations().forEach((name, entry) -> {
            try {
                io.imagegraph.core.mutate.Mutation.of(Map.of(name, entry));
            } catch (IllegalArgumentException e) {
                problems.add(GraphProblem.error(GraphProblem.Kind.GRAPH_FILE, null, located.at("mutations." + name),
                        e.getMessage()));
            }
        });
        for (String tag : file.tags()) {
            checkTag(tag, located.at("tags"), problems);
        }
        file.images().forEach((name, entry) -> {
            if (entry != null && entry.tags() != null) {
                entry.tags().forEach(tag -> checkTag(tag, located.at("images." + name + ".tags"), problems));
            }
        });
    }

    private static void checkTag(String tag, String where, List<GraphProblem> problems) {
        try {
            ImageRef.parse("probe:" + tag);
        } catch (InvalidReferenceException e) {
            problems.add(GraphProblem.error(GraphProblem.Kind.GRAPH_FILE, null, where,
                    "'" + tag + "' is not a valid tag (letters, digits, '_', '.' and '-', at most 128,"
                            + " not starting with '.' or '-')"));
        }
    }

    private static Map<String, ImageNode> resolveEdges(Path root, LocatedGraphFile located, Map<String, ImageSpec> specs,
                                                       LoadOptions options, List<GraphProblem> problems) {
        List<ImageSpec> withDockerfile = specs.values().stream()
                .filter(spec -> spec.dockerfile().isPresent() && spec.builder().needsDockerfile()).toList();
        Map<String, DockerfileReading.Outcome> outcomes = new HashMap<>();
        List<DockerfileReading.Outcome> read;
        try {
            read = FileWorkPool.map(withDockerfile, spec -> DockerfileReading.read(root, spec, options.platform()));
        } catch (IOException e) {
            throw new IllegalStateException("reading Dockerfiles reports its failures as problems", e);
        }
        for (int i = 0; i < withDockerfile.size(); i++) {
            outcomes.put(withDockerfile.get(i).name(), read.get(i));
        }
        ReferenceClassifier classifier = new ReferenceClassifier(Optional.ofNullable(located.file().registry()),
                Optional.ofNullable(located.file().namespace()), specs.keySet());
        Map<String, ImageNode> nodes = new TreeMap<>();
        for (ImageSpec spec : specs.values()) {
            DockerfileReading.Outcome outcome = outcomes.get(spec.name());
            if (outcome != null && outcome.problem().isPresent()) {
                problems.add(outcome.problem().get());
                continue;
            }
            SortedSet<String> parents = new TreeSet<>();
            List<InternalEdge> edges = new ArrayList<>();
            List<ExternalBase> externals = new ArrayList<>();
            if (outcome != null) {
                classify(spec, outcome.dependencies().orElseThrow(), classifier, specs, options.strict(),
                        parents, edges, externals, problems);
            }
            for (String dependency : spec.dependsOn()) {
                String where = located.at("images." + spec.name() + ".dependsOn");
                if (specs.containsKey(dependency)) {
                    parents.add(dependency);
                    edges.add(new InternalEdge(dependency, spec.name(), where + " (dependsOn)", 0, dependency));
                } else {
                    problems.add(GraphProblem.error(GraphProblem.Kind.UNKNOWN_PARENT, spec.name(), where,
                            "image '" + spec.name() + "' depends on '" + dependency + "', which is not an image of the graph"
                                    + NameSuggestion.hint(dependency, specs.keySet())));
                }
            }
            nodes.put(spec.name(), new ImageNode(spec, parents, edges, externals,
                    outcome == null ? Optional.empty() : outcome.digest()));
        }
        return nodes;
    }

    private static void classify(ImageSpec spec, DockerfileDependencies dependencies, ReferenceClassifier classifier,
                                 Map<String, ImageSpec> specs, boolean strict, SortedSet<String> parents,
                                 List<InternalEdge> edges, List<ExternalBase> externals, List<GraphProblem> problems) {
        String dockerfile = spec.dockerfile().orElseThrow();
        for (ImageDependency dependency : dependencies.dependencies()) {
            String where = dockerfile + " line " + dependency.line();
            ImageRef ref;
            if (dependency.reference().length() > MAX_REFERENCE) {
                problems.add(GraphProblem.error(GraphProblem.Kind.INVALID_REFERENCE, spec.name(), where,
                        dependency.via() + " names a reference of " + dependency.reference().length()
                                + " characters, starting '" + dependency.reference().substring(0, 60)
                                + "…'; an image reference is far shorter, so fix the line or its ARGs"));
                continue;
            }
            try {
                ref = ImageRef.parse(dependency.reference());
            } catch (InvalidReferenceException e) {
                problems.add(GraphProblem.error(GraphProblem.Kind.INVALID_REFERENCE, spec.name(), where,
                        dependency.via() + " " + e.getMessage()));
                continue;
            }
            ReferenceClassifier.Kind kind = classifier.classify(ref);
            if (kind instanceof ReferenceClassifier.Internal internal) {
                parents.add(internal.name());
                edges.add(new InternalEdge(internal.name(), spec.name(), where + " (" + dependency.via() + ")",
                        dependency.line(), dependency.reference()));
            } else if (kind instanceof ReferenceClassifier.MissingInternal missing) {
                problems.add(GraphProblem.error(GraphProblem.Kind.UNKNOWN_PARENT, spec.name(), where,
                        dependency.via() + " " + ref + " names image '" + missing.name()
                                + "' of this graph's registry and namespace, but there is no such image"
                                + NameSuggestion.hint(missing.name(), specs.keySet())
                                + "; add images/" + missing.name() + "/Dockerfile or fix the reference"));
            } else {
                externals.add(new ExternalBase(ref, dependency.via(), dependency.line()));
                lintExternal(spec, ref, where, strict, specs, problems);
            }
        }
    }

    private static void lintExternal(ImageSpec spec, ImageRef ref, String where, boolean strict,
                                     Map<String, ImageSpec> specs, List<GraphProblem> problems) {
        if (ref.isPinned()) {
            return;
        }
        String hint = ref.registry().isEmpty() ? NameSuggestion.hint(ref.repository().value(), specs.keySet()) : "";
        String message = "external base " + ref + (ref.isLatest() ? " uses :latest" : " is not pinned by digest")
                + hint + "; pin it as " + ref.name() + ref.tag().map(t -> ":" + t).orElse("") + "@sha256:…"
                + " so that every build starts from the same image";
        problems.add(strict
                ? GraphProblem.error(GraphProblem.Kind.UNPINNED_BASE, spec.name(), where, message)
                : GraphProblem.warning(GraphProblem.Kind.UNPINNED_BASE, spec.name(), where, message));
    }

    private static void checkProfiles(LocatedGraphFile located, Map<String, ImageSpec> specs, List<GraphProblem> problems) {
        located.file().profiles().forEach((profile, members) -> {
            String where = located.at("profiles." + profile);
            for (String member : members == null ? List.<String>of() : members) {
                if (member == null) {
                    continue;
                }
                if (member.length() > 1 && member.startsWith("/") && member.endsWith("/")) {
                    try {
                        Pattern.compile(member.substring(1, member.length() - 1));
                    } catch (PatternSyntaxException e) {
                        problems.add(GraphProblem.error(GraphProblem.Kind.UNKNOWN_PROFILE_MEMBER, null, where,
                                "profile '" + profile + "' has " + member + ", which is not a valid regular expression: "
                                        + e.getDescription()));
                    }
                } else if (!specs.containsKey(member)) {
                    problems.add(GraphProblem.error(GraphProblem.Kind.UNKNOWN_PROFILE_MEMBER, null, where,
                            "profile '" + profile + "' lists '" + member + "', which is not an image of the graph"
                                    + NameSuggestion.hint(member, specs.keySet())
                                    + "; write /regex/ for a pattern"));
                }
            }
        });
    }

    private static GraphProblem cycleProblem(List<String> cycle, Map<String, ImageNode> nodes) {
        Map<String, String> sources = new HashMap<>();
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < cycle.size(); i++) {
            String child = cycle.get(i);
            String parent = cycle.get((i + 1) % cycle.size());
            String source = nodes.get(child).parentEdges().stream().filter(e -> e.parent().equals(parent))
                    .map(InternalEdge::source).findFirst().orElse("?");
            sources.put(child, source);
            steps.add(child + " needs " + parent + " (" + source + ")");
        }
        List<String> ring = new ArrayList<>(cycle);
        ring.add(cycle.get(0));
        return GraphProblem.error(GraphProblem.Kind.CYCLE, cycle.get(0), sources.get(cycle.get(0)),
                "dependency cycle " + String.join(" → ", ring) + ": " + String.join(", ", steps)
                        + "; an image cannot be built from itself, so remove one of these edges");
    }
}
