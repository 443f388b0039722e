package io.imagegraph.core.graph;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks an image's {@code postBuild} entries: each is one Dockerfile instruction on one line that
 * changes the built image in place — not {@code FROM}, which would start another image, nor one
 * that needs a build context ({@code COPY}, {@code ADD}), since a post-build step has none.
 */
final class PostBuildInstructions {

    private static final Set<String> ALLOWED = Set.of("RUN", "CMD", "ENTRYPOINT", "ENV", "LABEL", "USER", "WORKDIR",
            "EXPOSE", "VOLUME", "STOPSIGNAL", "HEALTHCHECK", "SHELL", "ARG");
    private static final Set<String> REFUSED = Set.of("FROM", "COPY", "ADD", "ONBUILD", "MAINTAINER");

    private PostBuildInstructions() {
    }

    /** True when every entry is a usable instruction; otherwise each bad one is a problem. */
    static boolean check(List<String> instructions, String image, String where, List<GraphProblem> problems) {
        boolean good = true;
        for (int i = 0; i < instructions.size(); i++) {
            String text = instructions.get(i).strip();
            String keyword = text.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
            String reason = null;
            if (text.contains("\n")) {
                reason = "goes over several lines; give each instruction on one line (a RUN in exec form, [\"/bin/sh\","
                        + " \"-c\", \"…\"], may hold any script)";
            } else if (REFUSED.contains(keyword)) {
                reason = "is a " + keyword + " instruction, which a post-build step cannot use (it changes the built"
                        + " image in place, with no build context)";
            } else if (!ALLOWED.contains(keyword) || !text.contains(" ")) {
                reason = "is not a Dockerfile instruction with arguments (" + String.join(", ", new java.util.TreeSet<>(ALLOWED))
                        + ")";
            }
            if (reason != null) {
                problems.add(GraphProblem.error(GraphProblem.Kind.GRAPH_FILE, image, where,
                        "postBuild entry " + (i + 1) + " of image '" + image + "' " + reason));
                good = false;
            }
        }
        return good;
    }
}
