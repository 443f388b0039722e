package io.jenkins.plugins.imagegraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import java.util.List;
import org.jenkinsci.plugins.docker.commons.credentials.DockerServerEndpoint;
import org.junit.jupiter.api.Test;

/** Which configured build hosts a buildImageGraph uses: those its hosts names, else all. */
class BuildHostLeasesTest {

    private static final List<BuildHostSetting> CONFIGURED = List.of(
            new DockerServerBuildHost("a", new DockerServerEndpoint("tcp://10.0.0.5:2376", "build-host-a"), 4),
            new DockerServerBuildHost("b", new DockerServerEndpoint("tcp://10.0.0.6:2375", null), 2));

    @Test
    void chosen_noNames_isEveryConfiguredHost() throws Exception {
        assertThat(BuildHostLeases.chosen(CONFIGURED, List.of())).extracting(BuildHostSetting::getName)
                .containsExactly("a", "b");
    }

    @Test
    void chosen_names_areThoseHosts_inTheOrderNamed() throws Exception {
        assertThat(BuildHostLeases.chosen(CONFIGURED, List.of("b"))).extracting(BuildHostSetting::getName)
                .containsExactly("b");
    }

    @Test
    void chosen_anUnknownName_isRefused_namingTheConfiguredHosts() {
        assertThatThrownBy(() -> BuildHostLeases.chosen(CONFIGURED, List.of("a", "c")))
                .isInstanceOf(AbortException.class)
                .hasMessage("buildImageGraph hosts: no build host is named 'c' in Manage Jenkins > System > Image"
                        + " Graph > Build hosts; the configured ones are a, b");
    }

    @Test
    void aHostWithoutSlots_buildsTwoAtOnce() {
        assertThat(new DockerServerBuildHost("c", new DockerServerEndpoint("unix:///var/run/docker.sock", null), 0)
                .getSlots()).isEqualTo(2);
    }
}
