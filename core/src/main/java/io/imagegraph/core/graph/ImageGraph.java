package io.imagegraph.core.graph;

import io.imagegraph.core.mutate.Mutation;
import io.imagegraph.core.retention.RetentionPolicy;
import io.imagegraph.core.upstream.UpstreamSettings;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A validated, acyclic graph of images: every parent named exists, and {@link #order()} lists the
 * images so that each comes after all of its parents (by depth, then by name).
 */
public final class ImageGraph {

    private final Path root;
    private final String graphFileName;
    private final Optional<String> registry;
    private final Optional<String> namespace;
    private final SortedMap<String, ImageNode> nodes;
    private final Map<String, SortedSet<String>> children;
    private final Map<String, List<String>> profiles;
    private final List<String> order;
    private final Map<String, Integer> depth;
    private final UpstreamSettings upstream;
    private final RetentionPolicy retention;
    private final Map<String, Mutation> mutations;
    private final List<io.imagegraph.core.quota.Quota> quotas;

    ImageGraph(Path root, String graphFileName, Optional<String> registry, Optional<String> namespace, Map<String, ImageNode> nodes,
               Map<String, List<String>> profiles, UpstreamSettings upstream, RetentionPolicy retention,
               Map<String, Mutation> mutations, List<io.imagegraph.core.quota.Quota> quotas) {
        this.root = root;
        this.mutations = Map.copyOf(mutations);
        this.quotas = List.copyOf(quotas);
        this.upstream = upstream;
        this.retention = retention;
        this.graphFileName = graphFileName;
        this.registry = registry;
        this.namespace = namespace;
        this.nodes = Collections.unmodifiableSortedMap(new TreeMap<>(nodes));
        this.profiles = Map.copyOf(profiles);
        Map<String, SortedSet<String>> childIndex = new HashMap<>();
        nodes.keySet().forEach(name -> childIndex.put(name, new TreeSet<>()));
        nodes.values().forEach(node -> node.parents().forEach(parent -> childIndex.get(parent).add(node.name())));
        childIndex.replaceAll((name, set) -> Collections.unmodifiableSortedSet(set));
        this.children = Map.copyOf(childIndex);
        this.depth = depths();
        this.order = this.nodes.keySet().stream()
                .sorted((a, b) -> depth.get(a).equals(depth.get(b)) ? a.compareTo(b) : depth.get(a) - depth.get(b))
                .toList();
    }

    private Map<String, Integer> depths() {
        Map<String, Integer> result = new HashMap<>();
        for (String name : nodes.keySet()) {
            depthOf(name, result);
        }
        return result;
    }

    private int depthOf(String start, Map<String, Integer> memo) {
        Deque<String> stack = new ArrayDeque<>();
        stack.push(start);
        while (!stack.isEmpty()) {
            String name = stack.peek();
            if (memo.containsKey(name)) {
                stack.pop();
                continue;
            }
            boolean ready = true;
            int max = -1;
            for (String parent : nodes.get(name).parents()) {
                Integer d = memo.get(parent);
                if (d == null) {
                    stack.push(parent);
                    ready = false;
                } else {
                    max = Math.max(max, d);
                }
            }
            if (ready) {
                memo.put(name, max + 1);
                stack.pop();
            }
        }
        return memo.get(start);
    }

    /** The absolute directory the graph was read from. */
    public Path root() {
        return root;
    }

    /** The graph file's path relative to the root (whether or not it exists). */
    public String graphFileName() {
        return graphFileName;
    }

    /** The images the graph file follows and re-publishes with other metadata (graph file {@code mutations}). */
    public Map<String, Mutation> mutations() {
        return new TreeMap<>(mutations);
    }

    /**
     * The same graph holding to these quotas instead of its graph file's alone (the plugin adds the
     * quotas of the Jenkins configuration and the job's folders).
     */
    public ImageGraph withQuotas(List<io.imagegraph.core.quota.Quota> all) {
        return new ImageGraph(root, graphFileName, registry, namespace, nodes, profiles, upstream, retention, mutations,
                all);
    }

    /** The limits on what namespaces and repositories may hold (graph file {@code quotas}). */
    public List<io.imagegraph.core.quota.Quota> quotas() {
        return quotas;
    }

    /** How the graph's upstream images are watched (graph file {@code upstream}). */
    public UpstreamSettings upstream() {
        return upstream;
    }

    /** Which versions of its repositories imagegraph prune keeps (graph file {@code retention}). */
    public RetentionPolicy retention() {
        return retention;
    }

    public Optional<String> registry() {
        return registry;
    }

    public Optional<String> namespace() {
        return namespace;
    }

    public SortedMap<String, ImageNode> nodes() {
        return nodes;
    }

    public ImageNode node(String name) {
        ImageNode node = nodes.get(name);
        if (node == null) {
            throw new IllegalArgumentException("no image '" + name + "' in the graph");
        }
        return node;
    }

    public boolean contains(String name) {
        return nodes.containsKey(name);
    }

    public SortedSet<String> children(String name) {
        return children.getOrDefault(name, Collections.emptySortedSet());
    }

    /** Profiles declared at the top of the graph file: name to members (names or /regex/). */
    public Map<String, List<String>> profiles() {
        return profiles;
    }

    /** All images, parents before children; among equals, shallower first, then by name. */
    public List<String> order() {
        return order;
    }

    /** 0 for an image with no internal parent, else one more than its deepest parent. */
    public int depth(String name) {
        return depth.get(name);
    }

    public Set<String> descendants(String name) {
        return walk(name, this::children);
    }

    public Set<String> ancestors(String name) {
        return walk(name, n -> node(n).parents());
    }

    private Set<String> walk(String start, java.util.function.Function<String, Set<String>> next) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(next.apply(start));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (seen.add(name)) {
                todo.addAll(next.apply(name));
            }
        }
        return seen;
    }
}
