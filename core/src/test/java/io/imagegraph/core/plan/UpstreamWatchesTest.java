package io.imagegraph.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.testing.GraphFixture;
import io.imagegraph.core.upstream.UpstreamWatch;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamWatchesTest {

    @Test
    void externalBasesByTag_areWatched_onceEach_andPinnedOnesAreNot(@TempDir Path dir) {
        GraphFixture fixture = new GraphFixture(dir)
                .image("a", "FROM debian:12\n")
                .image("b", "FROM docker.io/library/debian:12\n")
                .image("c", "FROM quay.io/centos/centos:stream9@sha256:" + "c".repeat(64) + "\n")
                .image("d", "FROM a\n");
        assertThat(UpstreamWatches.of(fixture.graph())).extracting(UpstreamWatch::key)
                .containsExactly("docker.io/library/debian:12");
    }

    @Test
    void configuredPolicy_replacesTheFixedTagWatchesOfItsRepository(@TempDir Path dir) {
        GraphFixture fixture = new GraphFixture(dir)
                .graphFile("upstream:\n  watches:\n    - image: alpine\n      semver: '~3.20'\n"
                        + "    - image: quay.io/acme/tools:stable\n")
                .image("a", "FROM alpine:3.20.1\n")
                .image("b", "FROM debian:12\n");
        assertThat(UpstreamWatches.of(fixture.graph())).extracting(UpstreamWatch::key).containsExactly(
                "docker.io/library/alpine semver=~3.20", "quay.io/acme/tools:stable", "docker.io/library/debian:12");
    }

    @Test
    void aMutationsUpstreamImage_isWatched_byItsTag(@TempDir Path dir) {
        GraphFixture fixture = new GraphFixture(dir)
                .graphFile("mutations:\n  prod:\n    from: quay.io/openstack/keystone:2024.2\n    env: {A: '1'}\n")
                .image("a", "FROM debian:12\n");
        assertThat(UpstreamWatches.of(fixture.graph())).extracting(UpstreamWatch::key).containsExactly(
                "docker.io/library/debian:12", "quay.io/openstack/keystone:2024.2");
        assertThat(fixture.graph().mutations().get("prod").to().toString())
                .isEqualTo("quay.io/openstack/keystone:2024.2-prod");
    }
}
