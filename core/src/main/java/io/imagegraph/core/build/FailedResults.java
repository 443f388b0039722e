package io.imagegraph.core.build;

import io.imagegraph.core.plan.PlannedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The result of an image whose build or look-up failed: no image, no tags, the reason and its log when it has one. */
final class FailedResults {

    private FailedResults() {
    }

    static ImageResult of(PlannedImage image, Duration took, Path logFile, String reason, int attempts) {
        return new ImageResult(image.name(), ImageStatus.FAILED, Optional.empty(), Optional.empty(), List.of(),
                image.inputDigest().toString(), took,
                Files.exists(logFile) ? Optional.of(logFile.toString()) : Optional.empty(), reason, attempts);
    }
}
