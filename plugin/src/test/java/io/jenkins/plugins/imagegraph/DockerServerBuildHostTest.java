package io.jenkins.plugins.imagegraph;

import static org.assertj.core.api.Assertions.assertThat;

import org.jenkinsci.plugins.docker.commons.credentials.DockerServerEndpoint;
import org.junit.jupiter.api.Test;

/** A build host on a docker-commons endpoint (which hosts a job may choose is the engine's HostScope, tested in core). */
class DockerServerBuildHostTest {

    @Test
    void aHostWithoutSlots_buildsTwoAtOnce() {
        assertThat(new DockerServerBuildHost("c", new DockerServerEndpoint("unix:///var/run/docker.sock", null), 0)
                .getSlots()).isEqualTo(2);
    }
}
