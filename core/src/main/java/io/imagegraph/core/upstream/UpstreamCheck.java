package io.imagegraph.core.upstream;

import io.imagegraph.core.files.WireName;

/**
 * What a poll found for one watch.
 *
 * @param watch          the watch's key
 * @param repository     the repository, canonical
 * @param policy         true when the watch follows a tag policy over the repository, not one tag
 * @param status         first seen, moved, unchanged, skipped, deferred or failed
 * @param tag            the tag followed now (null when not known)
 * @param digest         its digest now (null when not known)
 * @param previousTag    the tag followed before
 * @param previousDigest the digest before
 * @param reason         why, in words
 */
public record UpstreamCheck(String watch, String repository, boolean policy, Status status, String tag, String digest,
                            String previousTag, String previousDigest, String reason) {

    /** What happened to a watch in a poll pass. */
    public enum Status implements WireName {
        /** Polled for the first time: its digest is known from now on. */
        FIRST_SEEN,
        /** Its digest (or, for a policy, its tag) changed: the images built on it need rebuilding. */
        MOVED,
        /** Polled; nothing changed. */
        UNCHANGED,
        /** Polled less than the interval ago, so not polled now. */
        SKIPPED,
        /** Its registry's request budget for this pass was spent; the next pass polls it. */
        DEFERRED,
        /** The registry did not answer, or the tag is gone; the reason says which. */
        FAILED;

        @Override
        public String toString() {
            return id();
        }
    }

    public boolean moved() {
        return status == Status.MOVED;
    }
}
