package io.imagegraph.core.build;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.plan.PlannedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The references a run gives one image: its input-digest reference (what a later run looks up)
 * and the run's tags, in its repository.
 *
 * @param inputRef {@code repository:input-sha256-…}
 * @param runRefs  {@code repository:tag} for each of the run's tags
 */
record ImageRefs(String inputRef, List<String> runRefs) {

    ImageRefs {
        runRefs = List.copyOf(runRefs);
    }

    static ImageRefs of(ImageGraph graph, PlannedImage image, BuildOptions options) {
        String repository = ImageNames.repository(graph, options.registry(), image.name());
        return new ImageRefs(repository + ":" + ImageNames.inputTag(image.inputDigest()),
                RunTags.of(image, options).stream().map(tag -> repository + ":" + tag).toList());
    }

    /** The input-digest reference first, then the run's tags. */
    List<String> all() {
        List<String> all = new ArrayList<>();
        all.add(inputRef);
        all.addAll(runRefs);
        return List.copyOf(all);
    }
}
