package io.imagegraph.core.build;

import io.imagegraph.core.plan.PlannedImage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The result of an image a run did not build: not selected, its parent failed, or the run was cancelled. */
final class NotBuiltResults {

    private NotBuiltResults() {
    }

    static ImageResult of(PlannedImage image, BuildScheduler.Outcome outcome, boolean inRun) {
        String input = image.inputDigest().toString();
        if (!inRun) {
            String reason = !image.selection().selected() ? image.selection().reason()
                    : "not affected by the changes: " + String.join("; ", image.affectedReasons().isEmpty()
                    ? List.of("nothing it depends on changed") : image.affectedReasons());
            return new ImageResult(image.name(), ImageStatus.NOT_SELECTED, Optional.empty(), Optional.empty(), List.of(), input,
                    Duration.ZERO, Optional.empty(), reason, 0);
        }
        if (outcome == BuildScheduler.Outcome.PARENT_FAILED) {
            return new ImageResult(image.name(), ImageStatus.PARENT_FAILED, Optional.empty(), Optional.empty(), List.of(), input,
                    Duration.ZERO, Optional.empty(), "not built: an image it needs failed or was not built", 0);
        }
        return new ImageResult(image.name(), ImageStatus.CANCELLED, Optional.empty(), Optional.empty(), List.of(), input,
                Duration.ZERO,
                Optional.empty(), "not built: the run was cancelled before it finished", 0);
    }
}
