package io.jenkins.plugins.imagegraph;

import hudson.model.Cause;

/**
 * Why a build started: upstream images it is built on moved (polled, or pushed to a webhook). It
 * keeps the digests they moved to (as JSON text), which the build's buildImageGraph pins.
 */
public final class ImageChangeCause extends Cause {

    private final String description;
    private final String pins;

    ImageChangeCause(String description, String pins) {
        this.description = description;
        this.pins = pins;
    }

    /** The moved digests, as {@code RebuildCause.pinsJson} wrote them. */
    String getPins() {
        return pins == null ? "[]" : pins;
    }

    @Override
    public String getShortDescription() {
        return description;
    }
}
