package io.imagegraph.core.mutate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.imagegraph.core.files.WireName;

/**
 * What one mutation did: the upstream digest it was applied to, the overridden image's digest, and
 * how its layers came to be in the target repository (there already, mounted from the upstream
 * repository, or copied from another registry).
 *
 * @param name          the mutation
 * @param from          the followed reference, as written
 * @param sourceDigest  the digest {@code from} pointed at (null when it could not be read)
 * @param to            the reference pushed
 * @param digest        the overridden image's digest (null when failed)
 * @param previous      what {@code to} pointed at before (null when new)
 * @param status        mutated, unchanged, planned (dry run) or failed
 * @param layersShared  layers already in the target repository
 * @param layersMounted layers mounted from the upstream repository (no bytes moved)
 * @param layersCopied  layers copied from another registry
 * @param reason        why, in words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MutationResult(String name, String from, String sourceDigest, String to, String digest, String previous,
                             Status status, int layersShared, int layersMounted, int layersCopied, String reason) {

    /** The outcome of one mutation. */
    public enum Status implements WireName {
        /** The overridden image was written and {@code to} moved to it. */
        MUTATED,
        /** {@code to} already pointed at the overridden image of the current upstream digest. */
        UNCHANGED,
        /** A dry run: this is the digest {@code to} would get. */
        PLANNED,
        /** Nothing moved; the reason says why. */
        FAILED;

        @Override
        public String toString() {
            return id();
        }
    }

    static MutationResult failed(Mutation mutation, String sourceDigest, String reason) {
        return new MutationResult(mutation.name(), mutation.from().toString(), sourceDigest, mutation.to().toString(),
                null, null, Status.FAILED, 0, 0, 0, reason);
    }
}
