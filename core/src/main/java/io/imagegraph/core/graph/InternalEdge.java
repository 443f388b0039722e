package io.imagegraph.core.graph;

/**
 * A parent → child edge inside the graph, and what created it.
 *
 * @param parent    the image needed
 * @param child     the image that needs it
 * @param source    where it is said: {@code images/x/Dockerfile line 1 (FROM)} or {@code imagegraph.yaml line 9 (dependsOn)}
 * @param line      the Dockerfile line of the instruction naming the parent, or 0 for {@code dependsOn}
 * @param reference the reference as the Dockerfile names it after ARG expansion, or the parent's name for {@code dependsOn}
 */
public record InternalEdge(String parent, String child, String source, int line, String reference) {
}
