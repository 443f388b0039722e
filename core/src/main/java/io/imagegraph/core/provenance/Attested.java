package io.imagegraph.core.provenance;

import java.util.Optional;

/**
 * What attesting one image did: the artifact pushed beside it, or why none was.
 *
 * @param image     the image's name in the graph
 * @param reference {@code registry/repository@sha256:…} of the image
 * @param kind      {@code provenance} or {@code gate}
 * @param artifact  the attestation artifact's digest, when it was pushed
 * @param problem   why it was not, in words
 */
public record Attested(String image, String reference, String kind, Optional<String> artifact, Optional<String> problem) {

    public boolean pushed() {
        return artifact.isPresent();
    }

    /** One line for a log: "keystone: provenance attestation sha256:… pushed beside 127.0.0.1:5000/…". */
    public String line() {
        return image + ": " + kind + " attestation " + artifact.map(a -> a + " pushed beside " + reference)
                .orElseGet(() -> "not pushed: " + problem.orElse("unknown reason"));
    }
}
