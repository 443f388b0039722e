package io.imagegraph.core.track;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Optional;

/**
 * One tag came to point at one digest: an entry of a repository's tag history, as OpenShift's
 * image streams keep tag events.
 *
 * @param repository where the tag is: {@code registry/namespace/name}
 * @param tag        the tag
 * @param digest     the manifest digest it points at from now on
 * @param previous   what it pointed at before, when known
 * @param cause      why it moved
 * @param time       when (ISO-8601)
 * @param runId      the build run behind it, when there is one
 * @param image      the graph image it is, when it is one
 * @param detail     more, in words (who asked for a rollback, which webhook)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TagEvent(String repository, String tag, String digest, String previous, TagCause cause, String time,
                       String runId, String image, String detail) {

    /** {@code repository:tag}, as a person writes it. */
    public String reference() {
        return repository + ":" + tag;
    }

    public Optional<String> previousDigest() {
        return Optional.ofNullable(previous);
    }

    /** The same event, saying what the tag pointed at before. */
    public TagEvent withPrevious(String before) {
        return new TagEvent(repository, tag, digest, before, cause, time, runId, image, detail);
    }
}
