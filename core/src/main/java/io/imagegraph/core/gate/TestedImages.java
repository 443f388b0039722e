package io.imagegraph.core.gate;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.ImageResult;
import io.imagegraph.core.ref.ImageRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The images of a build report to test, each by its exact reference: a registry digest, else its local image ID. */
public final class TestedImages {

    private TestedImages() {
    }

    public static List<TestedImage> of(BuildReport report) {
        List<TestedImage> images = new ArrayList<>();
        for (ImageResult result : report.images()) {
            if (!result.status().isSuccess()) {
                continue;
            }
            Optional<String> repository = result.tags().stream().findFirst().map(tag -> ImageRef.parse(tag).name());
            if (result.digest().isPresent() && repository.isPresent()) {
                images.add(new TestedImage(result.name(), repository.get() + "@" + result.digest().get(), result.digest()));
            } else if (result.imageId().isPresent()) {
                images.add(new TestedImage(result.name(), result.imageId().get(), Optional.empty()));
            }
        }
        return images;
    }
}
