package io.imagegraph.core.plan;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.graph.NameSuggestion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Applies a {@link Selection} to a graph: names, patterns and profiles first; then parents and
 * children if asked; then excludes; then the platform's unbuildable images and what is built on them.
 */
public final class ImageSelector {

    private ImageSelector() {
    }

    /** A decision for every image of the graph, in graph order. */
    public static Map<String, SelectionDecision> select(ImageGraph graph, Selection selection) throws SelectionException {
        Map<String, String> chosen = new LinkedHashMap<>();
        if (selection.selectsEverything()) {
            graph.order().forEach(name -> chosen.put(name, "every image is selected (no names, patterns or profiles given)"));
        }
        for (String name : selection.names()) {
            if (!graph.contains(name)) {
                throw new SelectionException("there is no image '" + name + "' in the graph"
                        + NameSuggestion.hint(name, graph.nodes().keySet()));
            }
            chosen.putIfAbsent(name, "named");
        }
        for (String pattern : selection.patterns()) {
            Pattern regex = compile(pattern, "--match");
            graph.order().stream().filter(name -> regex.matcher(name).find())
                    .forEach(name -> chosen.putIfAbsent(name, "matches /" + pattern + "/"));
        }
        for (String profile : selection.profiles()) {
            List<String> members = ProfileMembers.of(graph, profile);
            if (members.isEmpty() && !ProfileMembers.isDeclared(graph, profile)) {
                throw new SelectionException("there is no profile '" + profile + "'; profiles are declared under"
                        + " 'profiles:' in " + graph.graphFileName() + " or in an image's 'profiles' list"
                        + NameSuggestion.hint(profile, ProfileMembers.declared(graph)));
            }
            members.forEach(name -> chosen.putIfAbsent(name, "in profile '" + profile + "'"));
        }
        List<String> initial = new ArrayList<>(chosen.keySet());
        if (selection.withParents()) {
            for (String name : initial) {
                graph.ancestors(name).forEach(parent -> chosen.putIfAbsent(parent, "a parent of " + name));
            }
        }
        if (selection.withChildren()) {
            for (String name : initial) {
                graph.descendants(name).forEach(child -> chosen.putIfAbsent(child, "a child of " + name));
            }
        }
        Map<String, SelectionDecision> decisions = new LinkedHashMap<>();
        for (String name : graph.order()) {
            String reason = chosen.get(name);
            decisions.put(name, reason == null
                    ? new SelectionDecision(false, "not named, matched or in a selected profile")
                    : new SelectionDecision(true, reason));
        }
        applyExcludes(graph, selection, decisions);
        selection.platform().ifPresent(platform -> applyPlatform(graph, platform, decisions));
        return decisions;
    }

    private static void applyExcludes(ImageGraph graph, Selection selection, Map<String, SelectionDecision> decisions)
            throws SelectionException {
        for (String exclude : selection.excludes()) {
            if (graph.contains(exclude)) {
                decisions.put(exclude, new SelectionDecision(false, "excluded by name"));
                continue;
            }
            Pattern regex = compile(exclude, "--exclude");
            for (String name : graph.order()) {
                if (regex.matcher(name).find()) {
                    decisions.put(name, new SelectionDecision(false, "excluded by /" + exclude + "/"));
                }
            }
        }
    }

    private static void applyPlatform(ImageGraph graph, String platform, Map<String, SelectionDecision> decisions) {
        Map<String, String> blockedBy = new LinkedHashMap<>();
        for (String name : graph.order()) {
            String reason = graph.node(name).spec().unbuildable().get(platform);
            if (reason != null) {
                blockedBy.put(name, "unbuildable on " + platform + (reason.isBlank() ? "" : ": " + reason));
                continue;
            }
            for (String parent : graph.node(name).parents()) {
                if (blockedBy.containsKey(parent)) {
                    blockedBy.put(name, "built on " + parent + ", which is unbuildable on " + platform);
                    break;
                }
            }
        }
        blockedBy.forEach((name, reason) -> decisions.put(name, new SelectionDecision(false, reason)));
    }

    private static Pattern compile(String pattern, String option) throws SelectionException {
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new SelectionException(option + " '" + pattern + "' is not a valid regular expression: "
                    + e.getDescription());
        }
    }
}
