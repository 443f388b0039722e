package io.imagegraph.core.promote;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.ImageNames;
import io.imagegraph.core.build.ImageResult;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.ImageRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The images of a build report to promote: each pushed image, at its run tag and its digest. */
public final class PromotionSources {

    private PromotionSources() {
    }

    /**
     * @param fromTag the run tag the images were tested under; empty: each image's first run tag
     * @throws IllegalArgumentException naming the image, when one cannot be promoted from this report
     */
    public static List<PromotionSource> of(BuildReport report, Optional<String> fromTag) {
        List<PromotionSource> sources = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ImageResult image : report.images()) {
            if (!image.status().isSuccess()) {
                continue;
            }
            if (image.digest().isEmpty()) {
                problems.add(image.name() + " was not pushed to a registry in run " + report.runId()
                        + " (build with --registry to promote it)");
                continue;
            }
            Optional<ImageRef> ref = image.tags().stream().map(ImageRef::parse)
                    .filter(candidate -> candidate.tag().isPresent()
                            && (fromTag.isPresent() ? candidate.tag().get().equals(fromTag.get())
                            : !ImageNames.isInputTag(candidate.tag().get())))
                    .findFirst();
            if (ref.isEmpty() || ref.get().registry().isEmpty()) {
                problems.add(image.name() + " has no " + fromTag.map(t -> "'" + t + "' tag").orElse("run tag")
                        + " in a registry in run " + report.runId() + " (its tags: " + String.join(", ", image.tags())
                        + ")");
                continue;
            }
            sources.add(new PromotionSource(image.name(), new ImageLocation(ref.get().registry().get(),
                    ref.get().repository()), ref.get().tag().get(), Digest.of(image.digest().get())));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("run " + report.runId() + " built or reused no image to promote");
        }
        return sources;
    }
}
