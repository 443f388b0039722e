package io.imagegraph.core.build;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The outcome for one image of a run.
 *
 * @param name        the image
 * @param status      built, reused, failed, ...
 * @param imageId     the image's ID (or digest) when it exists after the run
 * @param tags        every reference it was tagged with
 * @param inputDigest the input digest it was built or found under
 * @param duration    how long its build (or look-up) took
 * @param logFile     where its build log is, when it was built
 * @param reason      why it has this status, in words
 * @param attempts    how many times its build was started
 */
public record ImageResult(String name, ImageStatus status, Optional<String> imageId, List<String> tags,
                          String inputDigest, Duration duration, Optional<String> logFile, String reason, int attempts) {

    public ImageResult {
        tags = List.copyOf(tags);
    }
}
