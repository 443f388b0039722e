package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.graph.BuilderKind;
import io.imagegraph.core.graph.GraphLoadResult;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.plan.PlannedImage;
import io.imagegraph.core.plan.Planner;
import io.imagegraph.core.plan.Selection;
import io.imagegraph.core.testing.DockerDaemon;
import io.imagegraph.core.testing.GraphFixture;
import io.imagegraph.core.testing.RecordingRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hands the real Engine's image store the references a run's first look-ups ask, counting docker calls. */
class LookupPrefetchTest {

    @TempDir
    Path dir;

    @Test
    void aParentReusedFromTheRegistry_isInTheList_soItsChildsPinStartsNoDockerClient() throws Exception {
        DockerDaemon docker = DockerDaemon.shared();
        GraphLoadResult loaded = new GraphFixture(dir).graphFile("namespace: lp" + Long.toHexString(System.nanoTime()) + "\n")
                .image("base", "FROM scratch\nLABEL base=1\n").image("leaf", "FROM base\nLABEL leaf=1\n").load();
        ImageGraph graph = loaded.graph().orElseThrow();
        Plan plan = Planner.plan(graph, loaded.warnings(), Selection.all(), Optional.empty());
        Map<String, PlannedImage> planned = new LinkedHashMap<>();
        plan.images().forEach(image -> planned.put(image.name(), image));
        String registry = "127.0.0.1:5999";
        String parentRef = ImageNames.repository(graph, Optional.of(registry), "base") + ":"
                + ImageNames.inputTag(planned.get("base").inputDigest());
        assertThat(docker.docker("build", "--quiet", "--tag", parentRef, dir.resolve("images/base").toString())
                .succeeded()).isTrue();
        RecordingRunner runner = new RecordingRunner();
        BuildTools tools = BuildTools.local(runner, "docker", "buildah", docker.environment());
        BuildOptions options = new BuildOptions("run", List.of("test"), 1, false, false, 0, Duration.ofMillis(10),
                dir.resolve("run"), Optional.empty(), Optional.empty(), Optional.of(registry), true);

        LookupPrefetch.prefetch(tools, graph, planned, List.of("leaf"), options);
        ImageLookup lookup = tools.forKind(BuilderKind.DOCKER).orElseThrow().lookup();

        assertThat(lookup.find(parentRef)).isPresent();
        assertThat(runner.argvs()).hasSize(1);
        assertThat(runner.argvs().get(0)).startsWith("docker", "image", "ls");
    }
}
