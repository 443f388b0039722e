package io.imagegraph.core.graph;

/**
 * The {@code starlingx} section of the graph file: read the tree's StarlingX image build files
 * ({@code <os>_<stream>_docker_images.inc} and the {@code *.<stream>_docker_image} files they
 * list) as images of the graph.
 *
 * @param os       the OS of the build files to read ({@code debian})
 * @param stream   the build stream ({@code stable}, {@code dev})
 * @param codename the OS codename whose {@code <os>/<codename>/} build files to read
 *                 ({@code bullseye}, {@code trixie}); when not given, the only one the tree has
 * @param base     the image {@code BUILDER=docker} images get as their {@code BASE} build arg, as
 *                 {@code build-stx-images.sh --base} gives it (default: {@code loci.base})
 */
public record StarlingxSection(String os, String stream, String codename, String base) {

    public StarlingxSection {
        if (os == null || !os.matches("[a-z0-9]+")) {
            throw new IllegalArgumentException("starlingx needs 'os', such as debian");
        }
        stream = stream == null ? "stable" : stream;
        if (!stream.matches("[a-z0-9]+")) {
            throw new IllegalArgumentException("'" + stream + "' is not a build stream, such as stable or dev");
        }
        if (codename != null && !codename.matches("[a-z0-9]+")) {
            throw new IllegalArgumentException("'" + codename + "' is not an OS codename, such as bullseye or trixie");
        }
        if (base != null && base.isBlank()) {
            throw new IllegalArgumentException("starlingx.base is empty; give the base image, or leave the key out to"
                    + " use loci.base");
        }
    }
}
