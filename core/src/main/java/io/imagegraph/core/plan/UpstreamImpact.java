package io.imagegraph.core.plan;

import io.imagegraph.core.graph.ExternalBase;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.upstream.UpstreamCheck;
import io.imagegraph.core.upstream.UpstreamRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The images that upstream moves make stale: each image built on a moved base (for a fixed-tag
 * watch, that tag; for a policy, any tag of the repository), and every image built on those.
 */
public final class UpstreamImpact {

    private UpstreamImpact() {
    }

    /** The images to rebuild, in dependency order, each with why. */
    public static Map<String, List<String>> of(ImageGraph graph, List<UpstreamCheck> checks) {
        Map<String, List<String>> stale = new LinkedHashMap<>();
        List<UpstreamCheck> moved = checks.stream().filter(UpstreamCheck::moved).toList();
        for (String name : graph.order()) {
            for (ExternalBase base : graph.node(name).externalBases()) {
                if (base.ref().isPinned()) {
                    continue;
                }
                for (UpstreamCheck check : moved) {
                    if (names(check, base)) {
                        stale.computeIfAbsent(name, key -> new ArrayList<>()).add(base.ref() + " moved upstream ("
                                + check.previousTag() + "@" + short12(check.previousDigest()) + " → " + check.tag() + "@"
                                + short12(check.digest()) + ")");
                    }
                }
            }
        }
        for (String name : List.copyOf(stale.keySet())) {
            for (String descendant : graph.descendants(name)) {
                stale.computeIfAbsent(descendant, key -> new ArrayList<>()).add("built on " + name
                        + ", whose base moved upstream");
            }
        }
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        graph.order().stream().filter(stale::containsKey).forEach(name -> ordered.put(name, List.copyOf(stale.get(name))));
        return ordered;
    }

    private static boolean names(UpstreamCheck check, ExternalBase base) {
        return check.policy() ? check.repository().equals(UpstreamRef.of(base.ref()).toString())
                : check.watch().equals(UpstreamRef.canonical(base.ref()));
    }

    private static String short12(String digest) {
        if (digest == null) {
            return "?";
        }
        int colon = digest.indexOf(':');
        return digest.substring(colon + 1, Math.min(digest.length(), colon + 13));
    }
}
