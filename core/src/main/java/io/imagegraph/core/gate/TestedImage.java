package io.imagegraph.core.gate;

import java.util.Optional;

/**
 * An image under test: its name, the exact reference the tests ran against, and its registry
 * digest when it was pushed (what promotion will move).
 *
 * @param image     the image's name in the graph
 * @param reference {@code registry/repository@sha256:…}, or the local image ID when it was not pushed
 * @param digest    its manifest digest in the registry, when it has one
 */
public record TestedImage(String image, String reference, Optional<String> digest) {
}
