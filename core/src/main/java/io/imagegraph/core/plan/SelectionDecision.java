package io.imagegraph.core.plan;

/**
 * Whether one image is selected, and the reason in words.
 *
 * @param selected whether the run is about this image
 * @param reason   such as {@code in profile 'core'} or {@code unbuildable on linux/arm64: no packages}
 */
public record SelectionDecision(boolean selected, String reason) {
}
