package io.imagegraph.core.graph;

/**
 * The {@code starlingx} section of the graph file: read the tree's StarlingX image build files
 * ({@code <os>_<stream>_docker_images.inc} and the {@code *.<stream>_docker_image} files they
 * list) as images of the graph.
 *
 * @param os     the OS of the build files to read ({@code debian}, {@code centos})
 * @param stream the build stream ({@code stable}, {@code dev})
 */
public record StarlingxSection(String os, String stream) {

    public StarlingxSection {
        if (os == null || !os.matches("[a-z0-9]+")) {
            throw new IllegalArgumentException("starlingx needs 'os', such as debian");
        }
        stream = stream == null ? "stable" : stream;
        if (!stream.matches("[a-z0-9]+")) {
            throw new IllegalArgumentException("'" + stream + "' is not a build stream, such as stable or dev");
        }
    }
}
