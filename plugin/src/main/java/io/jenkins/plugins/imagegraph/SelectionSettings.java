package io.jenkins.plugins.imagegraph;

import io.imagegraph.core.pipeline.StepOptions;
import io.imagegraph.core.plan.Selection;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/** A planning step's selection and change parameters, carried to the agent as plain strings. */
final class SelectionSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String images;
    private final String profiles;
    private final String excludes;
    private final boolean withParents;
    private final boolean withChildren;
    private final String changedFrom;
    private final boolean allImages;
    private final String platform;

    SelectionSettings(String images, String profiles, String excludes, boolean withParents, boolean withChildren,
                      String changedFrom, boolean allImages, String platform) {
        this.images = images;
        this.profiles = profiles;
        this.excludes = excludes;
        this.withParents = withParents;
        this.withChildren = withChildren;
        this.changedFrom = changedFrom;
        this.allImages = allImages;
        this.platform = platform;
    }

    Selection selection() {
        return StepOptions.selection(StepOptions.words(images), StepOptions.words(profiles), List.of(),
                StepOptions.words(excludes), withParents, withChildren, platform);
    }

    Optional<String> changedFrom() {
        return StepOptions.optional(changedFrom);
    }

    boolean allImages() {
        return allImages;
    }
}
