package io.imagegraph.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CycleFinderTest {

    private static Map<String, SortedSet<String>> graph(String... edges) {
        Map<String, SortedSet<String>> parents = new TreeMap<>();
        for (String edge : edges) {
            String[] parts = edge.split("->");
            parents.computeIfAbsent(parts[0], k -> new TreeSet<>());
            if (parts.length > 1) {
                parents.computeIfAbsent(parts[1], k -> new TreeSet<>());
                parents.get(parts[0]).add(parts[1]);
            }
        }
        return parents;
    }

    @Test
    void acyclic_hasNoCycles() {
        assertThat(CycleFinder.cycles(graph("b->a", "c->b", "d->a"))).isEmpty();
    }

    @Test
    void twoCycles_areBothReportedOnce() {
        assertThat(CycleFinder.cycles(graph("a->b", "b->a", "x->y", "y->z", "z->x", "child->a")))
                .containsExactlyInAnyOrder(List.of("a", "b"), List.of("x", "y", "z"));
    }

    @Test
    void descendantOfACycle_isNotPartOfIt() {
        assertThat(CycleFinder.cycles(graph("leaf->mid", "mid->a", "a->b", "b->a"))).containsExactly(List.of("a", "b"));
    }

    @Test
    void longChain_doesNotOverflowTheStack() {
        String[] edges = new String[20_000];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = "n" + (i + 1) + "->n" + i;
        }
        edges[edges.length - 1] = "n0->n19999";
        assertThat(CycleFinder.cycles(graph(edges))).singleElement().satisfies(c -> assertThat(c).hasSize(20_000));
    }

    @Test
    void parentMissingFromTheMap_countsAsNoParentInsteadOfFailing() {
        Map<String, SortedSet<String>> parents = new TreeMap<>();
        parents.put("child", new TreeSet<>(List.of("unreadable")));
        parents.put("a", new TreeSet<>(List.of("b")));
        parents.put("b", new TreeSet<>(List.of("a", "unreadable")));
        assertThat(CycleFinder.cycles(parents)).containsExactly(List.of("a", "b"));
    }
}
