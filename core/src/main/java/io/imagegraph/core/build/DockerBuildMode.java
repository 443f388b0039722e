package io.imagegraph.core.build;

/**
 * How a Docker Engine builds: through BuildKit or with the legacy builder, and whether it has a
 * bridge network (a daemon started with {@code --bridge=none} has none, so its default build
 * network is no network at all).
 *
 * @param buildKit whether builds run through BuildKit ({@code DOCKER_BUILDKIT=1})
 * @param bridge   whether the Engine has its default bridge network
 * @param why      for the build log: which builder, and why not BuildKit when not
 */
record DockerBuildMode(boolean buildKit, boolean bridge, String why) {
}
