package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.build.BuildHosts;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.testing.GraphFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildHostOptionsTest {

    @TempDir
    Path dir;

    private static final BuildHosts.ToolsFactory NO_TOOLS = env -> null;

    @Test
    void theGraphFilesHosts_areUsedWhenTheCommandLineNamesNone() throws Exception {
        new GraphFixture(dir).graphFile("hosts:\n  a: tcp://10.0.0.5:2376,slots=3,tls=/etc/imagegraph/a\n"
                + "  b: ssh://builder@b.example\n");
        BuildHosts hosts = BuildHostOptions.connect(List.of(), dir, 2, new LocalProcessRunner(), "docker", Map.of(),
                NO_TOOLS).orElseThrow();
        assertThat(hosts.names()).containsExactly("a", "b");
        assertThat(hosts.totalSlots()).isEqualTo(5);
    }

    @Test
    void theCommandLine_winsOverTheGraphFile() throws Exception {
        new GraphFixture(dir).graphFile("hosts:\n  a: tcp://10.0.0.5:2376\n");
        BuildHosts hosts = BuildHostOptions.connect(List.of("x=unix:///run/x.sock,slots=4"), dir, 2,
                new LocalProcessRunner(), "docker", Map.of(), NO_TOOLS).orElseThrow();
        assertThat(hosts.names()).containsExactly("x");
    }

    @Test
    void noHosts_isTheLocalBuild() throws Exception {
        assertThat(BuildHostOptions.connect(List.of(), dir, 2, new LocalProcessRunner(), "docker", Map.of(), NO_TOOLS))
                .isEmpty();
    }

    @Test
    void aWrongHost_isBadInputNamingTheOption() {
        assertThatThrownBy(() -> BuildHostOptions.connect(List.of("a=http://h"), dir, 2, new LocalProcessRunner(),
                "docker", Map.of(), NO_TOOLS)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--builder-host build host a: http://h is not a Docker Engine endpoint");
    }

    @Test
    void twoHostsWithoutARegistry_areRefusedWithASentence() throws Exception {
        new GraphFixture(dir).graphFile("namespace: hosts\n").image("base", "FROM scratch\nCOPY x /x\n")
                .file("images/base/x", "x\n");
        CliRun run = CliRun.of("build", "-d", dir.toString(), "--builder-host", "a=tcp://127.0.0.1:9",
                "--builder-host", "b=tcp://127.0.0.1:10", "--quiet");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("building on 2 build hosts (a, b) needs a registry, which carries each parent"
                + " to the hosts that build its children: give --registry HOST[:PORT]");
    }
}
