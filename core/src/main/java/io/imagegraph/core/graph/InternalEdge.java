package io.imagegraph.core.graph;

/**
 * A parent → child edge inside the graph, and what created it.
 *
 * @param parent the image needed
 * @param child  the image that needs it
 * @param source where it is said: {@code images/x/Dockerfile line 1 (FROM)} or {@code imagegraph.yaml line 9 (dependsOn)}
 */
public record InternalEdge(String parent, String child, String source) {
}
