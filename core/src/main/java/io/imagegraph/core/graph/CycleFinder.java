package io.imagegraph.core.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Finds the dependency cycles in a graph, each as the full ring of image names. Images are peeled
 * off parents-first (Kahn); whatever remains has a parent that remains, so walking parents from it
 * must come round to an image already on the walk. A parent that is not in the map (an image whose
 * Dockerfile could not be read, already reported as such) counts as no parent.
 */
final class CycleFinder {

    private CycleFinder() {
    }

    /** Each cycle once, starting at its alphabetically first image: [a, b, c] means a needs b needs c needs a. */
    static List<List<String>> cycles(Map<String, SortedSet<String>> parents) {
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, List<String>> children = new HashMap<>();
        parents.forEach((name, ps) -> {
            List<String> known = ps.stream().filter(parents::containsKey).toList();
            waiting.put(name, known.size());
            known.forEach(p -> children.computeIfAbsent(p, k -> new ArrayList<>()).add(name));
        });
        Deque<String> ready = new ArrayDeque<>();
        waiting.forEach((name, count) -> {
            if (count == 0) {
                ready.add(name);
            }
        });
        while (!ready.isEmpty()) {
            for (String child : children.getOrDefault(ready.pop(), List.of())) {
                if (waiting.merge(child, -1, Integer::sum) == 0) {
                    ready.add(child);
                }
            }
        }
        Map<String, SortedSet<String>> remaining = new TreeMap<>();
        waiting.forEach((name, count) -> {
            if (count > 0) {
                remaining.put(name, parents.get(name));
            }
        });
        List<List<String>> cycles = new ArrayList<>();
        Set<String> explained = new HashSet<>();
        for (String start : remaining.keySet()) {
            if (explained.contains(start)) {
                continue;
            }
            Map<String, Integer> walk = new LinkedHashMap<>();
            String current = start;
            while (!walk.containsKey(current) && !explained.contains(current)) {
                walk.put(current, walk.size());
                current = firstRemainingParent(remaining, current);
            }
            explained.addAll(walk.keySet());
            if (walk.containsKey(current)) {
                List<String> ring = new ArrayList<>(walk.keySet()).subList(walk.get(current), walk.size());
                cycles.add(rotateToSmallest(ring));
            }
        }
        return cycles;
    }

    private static String firstRemainingParent(Map<String, SortedSet<String>> remaining, String name) {
        for (String parent : remaining.get(name)) {
            if (remaining.containsKey(parent)) {
                return parent;
            }
        }
        throw new IllegalStateException(name + " remains after peeling but has no remaining parent");
    }

    private static List<String> rotateToSmallest(List<String> ring) {
        List<String> rotated = new ArrayList<>(ring);
        Collections.rotate(rotated, -rotated.indexOf(Collections.min(rotated)));
        return List.copyOf(rotated);
    }
}
