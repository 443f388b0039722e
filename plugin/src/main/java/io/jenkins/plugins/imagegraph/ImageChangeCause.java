package io.jenkins.plugins.imagegraph;

import hudson.model.Cause;

/** Why a build started: upstream images it is built on moved (polled, or pushed to a webhook). */
public final class ImageChangeCause extends Cause {

    private final String description;

    ImageChangeCause(String description) {
        this.description = description;
    }

    @Override
    public String getShortDescription() {
        return description;
    }
}
