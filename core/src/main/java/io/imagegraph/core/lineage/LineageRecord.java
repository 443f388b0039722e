package io.imagegraph.core.lineage;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What one run did with one image, kept for later: which image (by ID or digest) came out, from
 * which parents and external bases (by digest), from which source revision and input digest,
 * when, in which run, and how long it took.
 *
 * @param image          the image's name in the graph
 * @param status         built or reused
 * @param digest         the image ID or manifest digest
 * @param repository     where it is named
 * @param inputDigest    the digest of its inputs
 * @param parents        internal parents and the digests they were pinned to
 * @param externalBases  external bases as written, with their digest when pinned
 * @param sourceRevision the source revision, if known
 * @param time           when the run finished this image (ISO-8601)
 * @param runId          the run
 * @param durationMillis how long its build took
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LineageRecord(String image, String status, String digest, String repository, String inputDigest,
                            List<ParentDigest> parents, List<String> externalBases, String sourceRevision,
                            String time, String runId, long durationMillis) {

    public LineageRecord {
        parents = parents == null ? List.of() : List.copyOf(parents);
        externalBases = externalBases == null ? List.of() : List.copyOf(externalBases);
    }

    /** A parent and the exact image a build was pinned to. */
    public record ParentDigest(String name, String digest) {
    }
}
