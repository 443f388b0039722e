package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.graph.GraphLoadResult;
import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.plan.Planner;
import io.imagegraph.core.plan.Selection;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.testing.Busybox;
import io.imagegraph.core.testing.DockerDaemon;
import io.imagegraph.core.testing.GraphFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refresh builds (freshness) with the real Docker Engine of the tests: base and mid only COPY
 * files into / (a COPY that creates a directory gives it the build's time, which changes the
 * layer), so a refresh builds the same layers (diff IDs) and they are {@code unchanged}; leaf
 * RUNs a command that writes the time, so a refresh (without the layer cache) changes it.
 */
class RefreshCheckTest {

    @TempDir
    Path dir;
    private Clock clock = Clock.systemUTC();

    private Map<String, ImageResult> build(GraphFixture fixture, DockerDaemon docker) throws Exception {
        GraphLoadResult loaded = fixture.load();
        Plan plan = Planner.plan(loaded.graph().orElseThrow(), loaded.warnings(), Selection.all(), Optional.empty());
        GraphBuild build = new GraphBuild(BuildTools.local(new LocalProcessRunner(), "/usr/bin/docker", "buildah",
                docker.environment()), new JsonLinesLineageStore(dir.resolve(".imagegraph/lineage.jsonl")), e -> { }, clock);
        BuildOptions options = new BuildOptions("run-" + System.nanoTime(), List.of("test"), 1, false, false, 0,
                Duration.ofMillis(10), dir.resolve(".imagegraph/run-" + System.nanoTime()), Optional.of("abc123"),
                Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty());
        return build.run(plan, options).images().stream().collect(Collectors.toMap(ImageResult::name, Function.identity()));
    }

    private static ImageStatus status(Map<String, ImageResult> results, String name) {
        return results.get(name).status();
    }

    @Test
    void refreshWithTheSameLayers_isUnchanged_keepsTheTags_andDoesNotRebuildTheChildren() throws Exception {
        DockerDaemon docker = DockerDaemon.shared();
        String namespace = "rf" + Long.toHexString(System.nanoTime());
        GraphFixture fixture = new GraphFixture(dir).graphFile("namespace: " + namespace + "\nfreshness: 24h\n")
                .image("base", "FROM scratch\nCOPY busybox base.txt /\n")
                .file("images/base/base.txt", "base\n")
                .image("mid", "FROM base\nCOPY mid.txt /mid.txt\n").file("images/mid/mid.txt", "mid\n")
                .image("leaf", "FROM mid\nRUN [\"/busybox\", \"sh\", \"-c\", \"date +%s%N > /stamp\"]\n");
        Busybox.copyInto(dir.resolve("images/base/busybox"));
        Map<String, ImageResult> first = build(fixture, docker);
        assertThat(first.values()).extracting(ImageResult::status).containsOnly(ImageStatus.BUILT);
        String baseId = first.get("base").imageId().orElseThrow();

        // 20 h later leaf's input changes: leaf is rebuilt, so it is 11 h old when base and mid are 31 h old
        clock = Clock.offset(Clock.systemUTC(), Duration.ofHours(20));
        fixture.image("leaf", "FROM mid\n# v2\nRUN [\"/busybox\", \"sh\", \"-c\", \"date +%s%N > /stamp\"]\n");
        Map<String, ImageResult> second = build(fixture, docker);
        assertThat(status(second, "leaf")).isEqualTo(ImageStatus.BUILT);
        String leafId = second.get("leaf").imageId().orElseThrow();

        clock = Clock.offset(Clock.systemUTC(), Duration.ofHours(31));
        Map<String, ImageResult> refreshed = build(fixture, docker);
        assertThat(status(refreshed, "base")).isEqualTo(ImageStatus.UNCHANGED);
        assertThat(status(refreshed, "mid")).isEqualTo(ImageStatus.UNCHANGED);
        assertThat(refreshed.get("base").reason()).isEqualTo("unchanged: refreshed (last built 31 h ago, freshness 24 h)"
                + " with the same layers as " + baseId + ", which keeps its tags");
        assertThat(refreshed.get("base").imageId()).contains(baseId);
        for (String tag : refreshed.get("base").tags()) {
            assertThat(docker.docker("image", "inspect", "--format", "{{.Id}}", tag).stdout().strip()).as(tag).isEqualTo(baseId);
        }
        assertThat(status(refreshed, "leaf")).isEqualTo(ImageStatus.REUSED);
        assertThat(refreshed.get("leaf").imageId()).contains(leafId);

        // 60 h: leaf is 40 h old itself; its refresh runs its RUN again (no layer cache), which changes a layer
        clock = Clock.offset(Clock.systemUTC(), Duration.ofHours(60));
        Map<String, ImageResult> later = build(fixture, docker);
        assertThat(status(later, "base")).isEqualTo(ImageStatus.UNCHANGED);
        assertThat(status(later, "leaf")).isEqualTo(ImageStatus.BUILT);
        assertThat(later.get("leaf").reason()).isEqualTo("built: last built 40 h ago, freshness 24 h");
        assertThat(later.get("leaf").imageId().orElseThrow()).isNotEqualTo(leafId);
    }
}
