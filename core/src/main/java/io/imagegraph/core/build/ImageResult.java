package io.imagegraph.core.build;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The outcome for one image of a run.
 *
 * @param name        the image
 * @param status      built, reused, failed, ...
 * @param imageId     the image's ID in the local image store, when it is there after the run
 * @param digest      its manifest digest in the registry, when the run pushed it or found it there
 * @param tags        every reference it was tagged with
 * @param inputDigest the input digest it was built or found under
 * @param duration    how long its build (or look-up) took
 * @param logFile     where its build log is, when it was built
 * @param reason      why it has this status, in words
 * @param attempts    how many times its build was started
 */
public record ImageResult(String name, ImageStatus status, Optional<String> imageId, Optional<String> digest,
                          List<String> tags,
                          String inputDigest, Duration duration, Optional<String> logFile, String reason, int attempts) {

    public ImageResult {
        tags = List.copyOf(tags);
    }

    /** The registry digest when there is one, else the local image ID: what lineage records name. */
    public Optional<String> identity() {
        return digest.or(() -> imageId);
    }
}
