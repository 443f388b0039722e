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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Post-build steps applied by the docker builder, against the real Docker Engine. */
class PostBuildTest {

    @TempDir
    Path dir;
    private DockerDaemon docker;

    @BeforeEach
    void engine() throws Exception {
        docker = DockerDaemon.shared();
    }

    private ImageResult build(GraphFixture fixture) throws Exception {
        GraphLoadResult loaded = fixture.load();
        Plan plan = Planner.plan(loaded.graph().orElseThrow(() -> new AssertionError(loaded.problems())),
                loaded.warnings(), Selection.all(), Optional.empty());
        GraphBuild build = new GraphBuild(BuildTools.local(new LocalProcessRunner(), "docker", "buildah",
                docker.environment()), new JsonLinesLineageStore(dir.resolve(".imagegraph/lineage.jsonl")), event -> { },
                Clock.systemUTC(), Optional.empty());
        BuildOptions options = new BuildOptions("run-" + System.nanoTime(), List.of("test"), 1, true, true, 0,
                Duration.ofMillis(10), dir.resolve(".imagegraph/run"), Optional.empty(), Optional.empty(),
                Optional.empty(), false);
        return build.run(plan, options).images().get(0);
    }

    private String inspect(String image, String format) throws Exception {
        return docker.docker("image", "inspect", "--format", format, image).stdout().strip();
    }

    @Test
    void steps_runAsRoot_andTheImageKeepsItsUser() throws Exception {
        GraphFixture fixture = new GraphFixture(dir).graphFile("""
                namespace: p%s
                images:
                  tool:
                    postBuild:
                      - 'RUN ["/bin/sh", "-c", "id -u > /post-build-user && echo \\"it''s $(echo done)\\" > /said"]'
                      - 'CMD ["bash"]'
                """.formatted(Long.toHexString(System.nanoTime())))
                .image("tool", "FROM scratch\nCOPY busybox /bin/busybox\n"
                        + "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\nUSER 1000:1000\n");
        Busybox.copyInto(dir.resolve("images/tool/busybox"));
        ImageResult result = build(fixture);
        assertThat(result.status()).as(result.reason()).isEqualTo(ImageStatus.BUILT);
        String image = result.imageId().orElseThrow();
        assertThat(inspect(image, "{{.Config.User}}")).isEqualTo("1000:1000");
        assertThat(inspect(image, "{{json .Config.Cmd}}")).isEqualTo("[\"bash\"]");
        assertThat(docker.docker("run", "--rm", "--entrypoint", "/bin/cat", image, "/post-build-user", "/said")
                .stdout()).isEqualTo("0\nit's done\n");
        for (String tag : result.tags()) {
            assertThat(inspect(tag, "{{.Id}}")).isEqualTo(image);
        }
    }

    @Test
    void imageWithoutAShell_isLeftAsBuilt_andTheLogSaysSo() throws Exception {
        GraphFixture fixture = new GraphFixture(dir).graphFile("""
                namespace: p%s
                images:
                  data:
                    postBuild: ['RUN ["/bin/sh", "-c", "rm /data.txt"]']
                """.formatted(Long.toHexString(System.nanoTime())))
                .image("data", "FROM scratch\nCOPY data.txt /data.txt\n").file("images/data/data.txt", "data\n");
        ImageResult result = build(fixture);
        assertThat(result.status()).as(result.reason()).isEqualTo(ImageStatus.BUILT);
        assertThat(Files.readString(Path.of(result.logFile().orElseThrow())))
                .contains("post-build steps of data skipped: the image has no /bin/sh");
    }
}
