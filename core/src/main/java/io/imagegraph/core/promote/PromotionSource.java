package io.imagegraph.core.promote;

import io.imagegraph.core.ref.Digest;

/**
 * An image to promote: where it was tested and the digest that was tested.
 *
 * @param image  the image's name in the graph
 * @param from   its repository
 * @param tag    the tag that was tested (such as {@code test} or {@code pr-42})
 * @param tested the digest the tests ran against
 */
public record PromotionSource(String image, ImageLocation from, String tag, Digest tested) {
}
