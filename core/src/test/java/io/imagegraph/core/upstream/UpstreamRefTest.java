package io.imagegraph.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.ref.ImageRef;
import org.junit.jupiter.api.Test;

class UpstreamRefTest {

    @Test
    void dockerHubShortNames_areCanonical() {
        assertThat(UpstreamRef.canonical(ImageRef.parse("debian:12"))).isEqualTo("docker.io/library/debian:12");
        assertThat(UpstreamRef.canonical(ImageRef.parse("debian"))).isEqualTo("docker.io/library/debian:latest");
        assertThat(UpstreamRef.canonical(ImageRef.parse("index.docker.io/library/debian:12")))
                .isEqualTo("docker.io/library/debian:12");
        assertThat(UpstreamRef.of(ImageRef.parse("bitnami/redis:7")).toString()).isEqualTo("docker.io/bitnami/redis");
    }

    @Test
    void otherRegistries_keepTheirPath() {
        assertThat(UpstreamRef.canonical(ImageRef.parse("quay.io/centos/centos:stream9")))
                .isEqualTo("quay.io/centos/centos:stream9");
        assertThat(UpstreamRef.of(ImageRef.parse("127.0.0.1:5000/base@sha256:" + "a".repeat(64))).toString())
                .isEqualTo("127.0.0.1:5000/base");
    }
}
