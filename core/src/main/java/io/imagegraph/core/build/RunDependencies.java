package io.imagegraph.core.build;

import io.imagegraph.core.graph.ImageGraph;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which images of a run's build order wait for which: each image's parents that the run builds
 * (a parent it reused or found in the registry is not waited for), and the reverse.
 *
 * @param dependencies an image to the parents it waits for
 * @param dependants   a parent to the images that wait for it
 */
record RunDependencies(Map<String, Set<String>> dependencies, Map<String, Set<String>> dependants) {

    static RunDependencies of(ImageGraph graph, List<String> order) {
        Set<String> toRun = Set.copyOf(order);
        Map<String, Set<String>> dependencies = new HashMap<>();
        Map<String, Set<String>> dependants = new HashMap<>();
        for (String name : order) {
            Set<String> parents = new TreeSet<>(graph.node(name).parents());
            parents.retainAll(toRun);
            dependencies.put(name, parents);
            parents.forEach(parent -> dependants.computeIfAbsent(parent, k -> new TreeSet<>()).add(name));
        }
        return new RunDependencies(dependencies, dependants);
    }
}
