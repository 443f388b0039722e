package io.imagegraph.core.promote;

import java.util.List;

/**
 * A promotion written down before its first tag moves, and kept until every one of its tags is
 * known to be all at the new digests or all at the old ones: what {@code imagegraph promote
 * --recover} finishes after a crash or a registry that stopped answering.
 *
 * @param id     unique among open promotions
 * @param runId  the build run promoted
 * @param time   when it started (ISO-8601)
 * @param status {@link #MOVING} while the tags move, {@link #PENDING} once a read-back could not settle it
 * @param tags   every tag it moves, with both digests
 */
public record PromotionIntent(String id, String runId, String time, String status, List<IntendedTag> tags) {

    public static final String MOVING = "moving";
    public static final String PENDING = "pending";

    public PromotionIntent {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    PromotionIntent withStatus(String next) {
        return new PromotionIntent(id, runId, time, next, tags);
    }
}
