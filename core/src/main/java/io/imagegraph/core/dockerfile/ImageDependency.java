package io.imagegraph.core.dockerfile;

/**
 * An image (not a build stage) that a Dockerfile needs, with the ARGs already expanded.
 *
 * @param reference the image as written after expansion, such as {@code quay.io/acme/base:2024.1}
 * @param via       which instruction names it
 * @param line      1-based line of that instruction
 */
public record ImageDependency(String reference, Via via, int line) {

    /** How a Dockerfile refers to an image. */
    public enum Via {
        FROM("FROM"),
        COPY_FROM("COPY --from"),
        RUN_MOUNT_FROM("RUN --mount from");

        private final String text;

        Via(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
