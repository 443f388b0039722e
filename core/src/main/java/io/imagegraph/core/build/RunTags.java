package io.imagegraph.core.build;

import io.imagegraph.core.plan.PlannedImage;
import java.util.List;

/** The tags a run gives an image: the run's own ({@code --tag}), else the image's graph-file tags, else {@code test}. */
final class RunTags {

    private RunTags() {
    }

    static List<String> of(PlannedImage image, BuildOptions options) {
        if (!options.runTags().isEmpty()) {
            return options.runTags();
        }
        List<String> own = image.node().spec().tags();
        return own.isEmpty() ? List.of("test") : own;
    }
}
