package io.imagegraph.core.upstream;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An upstream tag seen at a digest it did not have before (or seen for the first time): an entry
 * of the {@code upstream} journal.
 *
 * @param watch          the watch's key ({@link UpstreamWatch#key()})
 * @param repository     the repository, canonical
 * @param tag            the tag the watch follows now
 * @param digest         its digest
 * @param previousTag    the tag it followed before (a policy watch may move to a newer tag)
 * @param previousDigest the digest before
 * @param time           when it was seen (ISO-8601)
 * @param via            how: {@code poll}, or {@code webhook:<kind>}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpstreamDigest(String watch, String repository, String tag, String digest, String previousTag,
                             String previousDigest, String time, String via) {
}
