package io.imagegraph.core.graph;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How an image's build runs, besides what it builds: none of this is an input of the image, so
 * none of it is in its input digest.
 *
 * @param network    the network its RUN steps get (the image's {@code network}, else the graph file's)
 * @param secrets    the secrets its build may mount
 * @param mirrorArgs the build args the graph file's {@code mirrors} give every build
 */
public record BuildSettings(NetworkMode network, List<BuildSecret> secrets, SortedMap<String, String> mirrorArgs) {

    public BuildSettings {
        secrets = List.copyOf(secrets);
        mirrorArgs = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(mirrorArgs));
    }

    public static BuildSettings defaults() {
        return new BuildSettings(NetworkMode.DEFAULT, List.of(), new TreeMap<>());
    }

    /** The same settings with another network (the run's {@code --network}). */
    public BuildSettings withNetwork(NetworkMode value) {
        return new BuildSettings(value, secrets, mirrorArgs);
    }
}
