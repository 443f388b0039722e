package io.imagegraph.core.build;

import java.time.Instant;
import java.util.List;

/**
 * What a build run did, per image in dependency order.
 *
 * @param runId    the run's identifier, also recorded in lineage
 * @param started  when it started
 * @param finished when it finished
 * @param images   one result per image of the graph
 */
public record BuildReport(String runId, Instant started, Instant finished, List<ImageResult> images) {

    public BuildReport {
        images = List.copyOf(images);
    }

    /** True when every image the run was about was built or reused. */
    public boolean succeeded() {
        return images.stream().allMatch(r -> r.status().isSuccess() || r.status() == ImageStatus.NOT_SELECTED);
    }

    public long count(ImageStatus status) {
        return images.stream().filter(r -> r.status() == status).count();
    }
}
