package io.imagegraph.core.build;

import io.imagegraph.core.graph.NetworkMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How to run a build.
 *
 * @param runId          identifies the run in labels, logs and lineage
 * @param runTags        tags every image of the run gets (such as {@code test}, {@code pr-42}); empty: each image's own tags
 * @param slots          how many images build at once
 * @param failFast       stop everything at the first failure
 * @param rebuild        build even when an image with the same input digest exists
 * @param retries        how many more times a transient failure is tried
 * @param retryBackoff   the first pause before trying again; it doubles each time
 * @param runDirectory   where the run keeps its logs and generated files
 * @param sourceRevision the source revision, for the {@code org.opencontainers.image.revision} label
 * @param sourceUrl      the source repository, for the {@code org.opencontainers.image.source} label
 * @param registry       the registry images are named under and pushed to, over the graph file's
 * @param push           push every built or reused image, under each of its tags, to the registry
 * @param network        the network every build gets ({@code --network}), over the graph file's
 * @param refreshOlderThan rebuild an image whose newest build is older than this ({@code --refresh-older-than}),
 *                       over the graph file's {@code freshness}
 */
public record BuildOptions(String runId, List<String> runTags, int slots, boolean failFast, boolean rebuild,
                           int retries, Duration retryBackoff, Path runDirectory, Optional<String> sourceRevision,
                           Optional<String> sourceUrl, Optional<String> registry, boolean push,
                           Optional<NetworkMode> network, Optional<Duration> refreshOlderThan) {

    public BuildOptions {
        runTags = List.copyOf(runTags);
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries cannot be negative");
        }
    }

    /** Options whose builds get the network the graph file gives them. */
    public BuildOptions(String runId, List<String> runTags, int slots, boolean failFast, boolean rebuild,
                        int retries, Duration retryBackoff, Path runDirectory, Optional<String> sourceRevision,
                        Optional<String> sourceUrl, Optional<String> registry, boolean push) {
        this(runId, runTags, slots, failFast, rebuild, retries, retryBackoff, runDirectory, sourceRevision, sourceUrl,
                registry, push, Optional.empty(), Optional.empty());
    }

    public Path logFile(String image) {
        return runDirectory.resolve("logs").resolve(image + ".log");
    }

    public Path workDirectory(String image) {
        return runDirectory.resolve("work").resolve(image);
    }
}
