package io.imagegraph.core.build;

import java.io.OutputStream;

/** Builds one image: docker, buildah, LOCI or a script of the user's. */
public interface ImageBuilder {

    /**
     * Builds the job's image and tags it with the job's tags.
     *
     * @param log receives the build's output as it comes
     * @return the built image's ID
     * @throws ImageBuildException  when no image was produced, with the reason
     * @throws InterruptedException when the run was cancelled; the build process has been stopped
     */
    String build(BuildJob job, OutputStream log) throws ImageBuildException, InterruptedException;

    /** Called once when the run that used this builder has finished: removes what only its builds needed. */
    default void runFinished() throws InterruptedException {
    }
}
