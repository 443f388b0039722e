package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.testing.DockerDaemon;
import io.imagegraph.core.testing.RecordingRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probes the tests' real Docker Engine through Debian's docker client (BuildKit built in), counting the calls. */
class BuildKitProbeCacheTest {

    private static final String DEBIAN_DOCKER = "/usr/bin/docker";

    @TempDir
    Path state;
    private final RecordingRunner runner = new RecordingRunner();
    private final List<List<String>> argvs = runner.argvs();
    private Map<String, String> environment;

    @BeforeEach
    void setUp() throws Exception {
        environment = new HashMap<>(DockerDaemon.shared().environment());
        environment.put("PATH", System.getenv("PATH"));
    }

    private DockerBuildMode probe(String program, Map<String, String> env) throws InterruptedException {
        return new BuildKitSupport(runner, program, env, Optional.of(new BuildKitProbeCache(state))).mode();
    }

    private long builds() {
        return argvs.stream().filter(argv -> argv.size() > 1 && argv.get(1).equals("build")).count();
    }

    @Test
    void anEngineThatBuiltThroughBuildKit_isNotProbedAgain_byTheNextRun() throws Exception {
        DockerBuildMode first = probe(DEBIAN_DOCKER, environment);
        assertThat(first.buildKit()).isTrue();
        assertThat(builds()).isEqualTo(1);
        assertThat(Files.readAllLines(state.resolve(BuildKitProbeCache.FILE))).hasSize(1)
                .allSatisfy(line -> assertThat(line).endsWith(Path.of(DEBIAN_DOCKER).toRealPath() + ":"
                        + Files.size(Path.of(DEBIAN_DOCKER).toRealPath()) + ":"
                        + Files.getLastModifiedTime(Path.of(DEBIAN_DOCKER).toRealPath()).toMillis()));
        argvs.clear();

        DockerBuildMode second = probe(DEBIAN_DOCKER, environment);

        assertThat(second).isEqualTo(first);
        assertThat(builds()).isZero();
        assertThat(argvs).extracting(argv -> argv.get(1)).containsExactlyInAnyOrder("network", "info");
    }

    @Test
    void anotherClient_isProbedAgain(@TempDir Path bin) throws Exception {
        probe(DEBIAN_DOCKER, environment);
        Path copy = bin.resolve("docker");
        Files.copy(Path.of(DEBIAN_DOCKER), copy);
        copy.toFile().setExecutable(true);
        argvs.clear();

        assertThat(probe(copy.toString(), environment).buildKit()).isTrue();

        assertThat(builds()).isEqualTo(1);
        assertThat(Files.readAllLines(state.resolve(BuildKitProbeCache.FILE))).hasSize(2);
    }

    @Test
    void theLegacyBuilder_andAnEngineThatDoesNotAnswer_areNeverRemembered() throws Exception {
        Map<String, String> legacy = new HashMap<>(environment);
        legacy.put("DOCKER_BUILDKIT", "0");
        Map<String, String> gone = new HashMap<>(environment);
        gone.put("DOCKER_HOST", "unix:///nonexistent/imagegraph-test.sock");

        assertThat(probe(DEBIAN_DOCKER, legacy).buildKit()).isFalse();
        assertThat(probe(DEBIAN_DOCKER, gone).buildKit()).isFalse();

        assertThat(state.resolve(BuildKitProbeCache.FILE)).doesNotExist();
    }

    @Test
    void aStateFolderThatCannotBeWritten_stillProbes() throws Exception {
        Path file = state.resolve("not-a-folder");
        Files.writeString(file, "x");
        DockerBuildMode mode = new BuildKitSupport(runner, DEBIAN_DOCKER, environment,
                Optional.of(new BuildKitProbeCache(file))).mode();

        assertThat(mode.buildKit()).isTrue();
        assertThat(builds()).isEqualTo(1);
    }
}
