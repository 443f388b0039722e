package io.imagegraph.core.promote;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.registry.Manifest;
import java.util.Optional;

/**
 * One tag a promotion points at a tested digest.
 *
 * @param image    the image's name in the graph
 * @param from     where the tested digest is
 * @param to       the repository whose tag moves
 * @param tag      the tag that moves
 * @param before   the digest the tag pointed at before (empty: no such tag); a rollback reads that
 *                 manifest back by digest, which stays in the registry after the tag moves
 * @param manifest the tested manifest, byte for byte
 */
public record TagMove(String image, ImageLocation from, ImageLocation to, String tag, Optional<Digest> before,
                      Manifest manifest) {

    public Digest after() {
        return manifest.digest();
    }


    /** Whether the tag already points at the tested digest, so that nothing moves. */
    public boolean isUnchanged() {
        return before.isPresent() && before.get().equals(manifest.digest());
    }

    @Override
    public String toString() {
        return to + ":" + tag + " " + before.map(Digest::shortForm).orElse("(new)") + " -> " + after().shortForm();
    }
}
