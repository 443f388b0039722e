package io.imagegraph.core.build;

/**
 * A builder with the image store it builds into and looks images up in.
 *
 * @param builder builds images
 * @param lookup  finds (and tags) images in the same store
 * @param pusher  pushes images from that store to a registry
 * @param store   names the store ({@code docker}, {@code buildah}); a parent must be in the store
 *                its child is built in
 */
public record BuildTool(ImageBuilder builder, ImageLookup lookup, ImagePusher pusher, String store) {
}
