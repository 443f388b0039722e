package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.process.CapturedRun;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import io.imagegraph.core.testing.DockerDaemon;
import io.imagegraph.core.testing.RecordingRunner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Looks images up in the tests' real Docker Engine, counting the docker client starts. */
class PrefetchedImageLookupTest {

    private final RecordingRunner runner = new RecordingRunner();
    private final List<List<String>> argvs = runner.argvs();
    private DockerDaemon docker;
    private String repository;
    private String id;

    @BeforeEach
    void setUp() throws Exception {
        docker = DockerDaemon.shared();
        repository = "t" + System.nanoTime() + "/app";
        CapturedRun built = CapturedRun.run(new LocalProcessRunner(), new ProcessSpec(
                List.of("docker", "build", "--quiet", "--tag", repository + ":input-sha256-1", "-"),
                Map.of("DOCKER_HOST", docker.host(), "DOCKER_BUILDKIT", "0"), Optional.empty(),
                Optional.of(("FROM scratch\nLABEL io.imagegraph.test=" + repository + "\n").getBytes(StandardCharsets.UTF_8))));
        assertThat(built.succeeded()).as(built.stderr()).isTrue();
        id = built.stdout().strip();
        assertThat(docker.docker("tag", id, "127.0.0.1:5999/" + repository + ":input-sha256-1").succeeded()).isTrue();
    }

    private PrefetchedImageLookup lookup(Map<String, String> environment) {
        return new PrefetchedImageLookup(LocalImageLookup.docker(runner, "docker", environment), runner, "docker", environment);
    }

    @Test
    void prefetch_answersEachReferencesFirstLookUp_withOneDockerCall() throws Exception {
        PrefetchedImageLookup lookup = lookup(docker.environment());
        String local = repository + ":input-sha256-1";
        String inRegistry = "127.0.0.1:5999/" + repository + ":input-sha256-1";
        String missing = repository + ":input-sha256-2";

        assertThat(lookup.prefetch(List.of(local, inRegistry, missing))).isEqualTo(2);
        assertThat(argvs).hasSize(1);
        assertThat(argvs.get(0)).startsWith("docker", "image", "ls");

        assertThat(lookup.find(local)).contains(id);
        assertThat(lookup.find(inRegistry)).contains(id);
        assertThat(lookup.find(missing)).isEmpty();
        assertThat(argvs).hasSize(1);
    }

    @Test
    void aSecondLookUp_asksTheEngine_andSeesWhatChangedSince() throws Exception {
        PrefetchedImageLookup lookup = lookup(docker.environment());
        String later = repository + ":input-sha256-3";
        lookup.prefetch(List.of(later));
        assertThat(lookup.find(later)).isEmpty();

        assertThat(docker.docker("tag", id, later).succeeded()).isTrue();
        assertThat(lookup.find(later)).contains(id);
        assertThat(argvs).hasSize(2);
        assertThat(argvs.get(1)).startsWith("docker", "image", "inspect");
    }

    @Test
    void bytes_isTheEnginesSizeOfTheImage_soThatTheQuotasCanMeasureAPush() throws Exception {
        ImageLookup asTheBuildToolHoldsIt = lookup(docker.environment());

        assertThat(asTheBuildToolHoldsIt).isInstanceOf(ImageSize.class);
        assertThat(((ImageSize) asTheBuildToolHoldsIt).bytes(id))
                .isEqualTo(LocalImageLookup.docker(new LocalProcessRunner(), "docker", docker.environment()).bytes(id))
                .isPresent();
    }

    @Test
    void prefetch_onAnInterruptedThread_remembersNothing_andLeavesTheThreadInterrupted() throws Exception {
        PrefetchedImageLookup lookup = lookup(docker.environment());
        Thread.currentThread().interrupt();

        int found = lookup.prefetch(List.of(repository + ":input-sha256-1"));

        assertThat(Thread.interrupted()).isTrue();
        assertThat(found).isZero();
        assertThat(lookup.find(repository + ":input-sha256-1")).contains(id);
    }

    @Test
    void tag_dropsTheListedAnswer() throws Exception {
        PrefetchedImageLookup lookup = lookup(docker.environment());
        String run = repository + ":test";
        lookup.prefetch(List.of(run));

        lookup.tag(id, run);

        assertThat(lookup.find(run)).contains(id);
    }

    @Test
    void anEngineThatDoesNotAnswer_prefetchesNothing_andLookUpsFailAsBefore() throws Exception {
        PrefetchedImageLookup lookup = lookup(Map.of("DOCKER_HOST", "unix:///nonexistent/imagegraph-test.sock"));
        String local = repository + ":input-sha256-1";

        assertThat(lookup.prefetch(List.of(local))).isZero();

        assertThatThrownBy(() -> lookup.find(local)).isInstanceOf(ImageBuildException.class)
                .hasMessageContaining("cannot look up " + local);
    }

    @Test
    void familiar_dropsDockerHubsNameAndLibrary_asDockerImageLsShowsThem() {
        assertThat(PrefetchedImageLookup.familiar("docker.io/library/busybox:1.36")).isEqualTo("busybox:1.36");
        assertThat(PrefetchedImageLookup.familiar("docker.io/acme/app:input-sha256-1")).isEqualTo("acme/app:input-sha256-1");
        assertThat(PrefetchedImageLookup.familiar("docker.io/library/acme/app:t")).isEqualTo("library/acme/app:t");
        assertThat(PrefetchedImageLookup.familiar("127.0.0.1:5000/library/app:t")).isEqualTo("127.0.0.1:5000/library/app:t");
        assertThat(PrefetchedImageLookup.familiar("app:t")).isEqualTo("app:t");
    }
}
