package io.imagegraph.core.build;

import io.imagegraph.core.graph.NetworkMode;
import java.util.List;
import java.util.Optional;

/**
 * The network flags of one build and what they mean. {@code default} passes no flag, so the build
 * gets what {@code docker build} or {@code buildah bud} gives by itself; on a Docker Engine
 * without a bridge network ({@code dockerd --bridge=none}) that is no network, and BuildKit,
 * which would fail with "network bridge not found", is told {@code none} to match.
 *
 * @param flags       the builder's arguments
 * @param isNone      whether the build's steps have no network
 * @param description for the build log and failures: "the build has no network (network: none)"
 */
record BuildNetwork(List<String> flags, boolean isNone, String description) {

    static BuildNetwork of(NetworkMode mode, Optional<DockerBuildMode> docker) {
        return switch (mode) {
            case HOST -> new BuildNetwork(List.of("--network", "host"), false,
                    "the build has the host's network (network: host)");
            case NONE -> new BuildNetwork(List.of("--network", "none"), true, "the build has no network (network: none)");
            case DEFAULT -> {
                if (docker.isPresent() && !docker.get().bridge()) {
                    yield new BuildNetwork(docker.get().buildKit() ? List.of("--network", "none") : List.of(), true,
                            "the build has no network (network: default, and the Docker Engine has no bridge"
                                    + " network: dockerd --bridge=none)");
                }
                yield new BuildNetwork(List.of(), false, "the build has the builder's default network (network: default)");
            }
        };
    }
}
