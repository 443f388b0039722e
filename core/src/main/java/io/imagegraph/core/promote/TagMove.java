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
 * @param before   the manifest the tag pointed at before, kept to put it back on rollback
 * @param manifest the tested manifest, byte for byte
 */
public record TagMove(String image, ImageLocation from, ImageLocation to, String tag, Optional<Manifest> before,
                      Manifest manifest) {

    public Digest after() {
        return manifest.digest();
    }

    public Optional<Digest> beforeDigest() {
        return before.map(Manifest::digest);
    }

    /** Whether the tag already points at the tested digest, so that nothing moves. */
    public boolean isUnchanged() {
        return before.isPresent() && before.get().digest().equals(manifest.digest());
    }

    @Override
    public String toString() {
        return to + ":" + tag + " " + beforeDigest().map(Digest::shortForm).orElse("(new)") + " -> " + after().shortForm();
    }
}
