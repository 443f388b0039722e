package io.imagegraph.core.promote;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import java.util.Optional;

/**
 * One tag a promotion is about to move, as its journal keeps it: enough to read the tag back and
 * to put it at either end (both manifests stay in the target repository by digest).
 *
 * @param image      the image's name in the graph
 * @param registry   the target registry
 * @param repository the target repository
 * @param tag        the tag
 * @param before     the digest it pointed at before; null: it did not exist
 * @param after      the tested digest it is to point at
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntendedTag(String image, String registry, String repository, String tag, String before, String after) {

    static IntendedTag of(TagMove move) {
        return new IntendedTag(move.image(), move.to().registry(), move.to().repository().value(), move.tag(),
                move.before().map(Digest::toString).orElse(null), move.after().toString());
    }

    public ImageLocation location() {
        return new ImageLocation(registry, RepositoryName.of(repository));
    }

    public Optional<Digest> beforeDigest() {
        return Optional.ofNullable(before).map(Digest::of);
    }

    public Digest afterDigest() {
        return Digest.of(after);
    }

    /** {@code registry/repository:tag}. */
    public String reference() {
        return registry + "/" + repository + ":" + tag;
    }
}
