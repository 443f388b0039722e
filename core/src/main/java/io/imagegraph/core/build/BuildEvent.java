package io.imagegraph.core.build;

/** What a build run reports as it goes; the CLI prints these, the plugin writes them to the build log. */
public sealed interface BuildEvent {

    /** The run starts, with the images it is about (in dependency order). */
    record RunStarted(String runId, java.util.List<String> images) implements BuildEvent {

        public RunStarted {
            images = java.util.List.copyOf(images);
        }
    }

    /** An image's build (or look-up) started. */
    record Started(String image, int attempt, String action) implements BuildEvent {
    }

    /** One line of an image's build output. */
    record Output(String image, String line) implements BuildEvent {
    }

    /** An image's build failed and will be tried again after a pause. */
    record Retrying(String image, int attempt, String reason, long delayMillis) implements BuildEvent {
    }

    /** An image is done, whatever the outcome. */
    record Finished(ImageResult result) implements BuildEvent {
    }
}
