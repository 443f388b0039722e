package io.imagegraph.core.plan;

import io.imagegraph.core.graph.ImageGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The images of a profile (a named group, as Kolla's): those the graph file's {@code profiles:}
 * lists by name or {@code /regex/}, and those that list the profile in their own {@code profiles}.
 */
final class ProfileMembers {

    private ProfileMembers() {
    }

    static List<String> of(ImageGraph graph, String profile) {
        List<String> members = new ArrayList<>();
        List<String> listed = graph.profiles().getOrDefault(profile, List.of());
        for (String name : graph.order()) {
            boolean inList = listed.stream().anyMatch(entry -> entry != null && matches(entry, name));
            if (inList || graph.node(name).spec().profiles().contains(profile)) {
                members.add(name);
            }
        }
        return members;
    }

    static boolean isDeclared(ImageGraph graph, String profile) {
        return declared(graph).contains(profile);
    }

    static Set<String> declared(ImageGraph graph) {
        Set<String> names = new TreeSet<>(graph.profiles().keySet());
        graph.nodes().values().forEach(node -> names.addAll(node.spec().profiles()));
        return names;
    }

    private static boolean matches(String entry, String name) {
        if (entry.length() > 1 && entry.startsWith("/") && entry.endsWith("/")) {
            return Pattern.compile(entry.substring(1, entry.length() - 1)).matcher(name).find();
        }
        return entry.equals(name);
    }
}
