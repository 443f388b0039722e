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
 * @param hosts    where each image was built, when the run used build hosts
 */
public record BuildReport(String runId, Instant started, Instant finished, List<ImageResult> images,
                          java.util.Optional<HostsReport> hosts) {

    public BuildReport {
        images = List.copyOf(images);
    }

    /** A report of a run on the local builders (no build hosts). */
    public BuildReport(String runId, Instant started, Instant finished, List<ImageResult> images) {
        this(runId, started, finished, images, java.util.Optional.empty());
    }

    /** True when every image the run was about was built or reused. */
    public boolean succeeded() {
        return images.stream().allMatch(r -> r.status().isSuccess() || r.status() == ImageStatus.NOT_SELECTED);
    }

    public long count(ImageStatus status) {
        return images.stream().filter(r -> r.status() == status).count();
    }
}
