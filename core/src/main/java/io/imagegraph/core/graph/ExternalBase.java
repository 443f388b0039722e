package io.imagegraph.core.graph;

import io.imagegraph.core.dockerfile.ImageDependency;
import io.imagegraph.core.ref.ImageRef;

/**
 * An image from outside the graph that an image is built on or copies from.
 *
 * @param ref  the reference as written (after ARG expansion), with its tag and digest if any
 * @param via  the instruction that names it
 * @param line the line of that instruction in the Dockerfile
 */
public record ExternalBase(ImageRef ref, ImageDependency.Via via, int line) {
}
