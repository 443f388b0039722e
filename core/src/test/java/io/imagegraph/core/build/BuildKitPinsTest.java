package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.graph.BuildSettings;
import io.imagegraph.core.graph.NetworkMode;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.testing.Busybox;
import io.imagegraph.core.testing.DockerDaemon;
import io.imagegraph.core.testing.GraphFixture;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code imagegraph-pin} tags BuildKit builds need for parents pinned to image IDs, with the
 * real Docker Engine of the tests and Debian's docker client: made without a docker call for an
 * image the run built, with one {@code docker tag} for a reused one, and all gone once the run
 * has finished, while the images keep their own tags.
 */
class BuildKitPinsTest {

    private static final String DEBIAN_DOCKER = "/usr/bin/docker";
    private static final String BASE = "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n";

    @TempDir
    Path dir;

    private List<String> pinTags(DockerDaemon docker) throws Exception {
        return docker.docker("images", "--format", "{{.Repository}}:{{.Tag}}", BuildKitPins.REPOSITORY).stdout().lines().toList();
    }

    @Test
    void pinTags_ofBuiltAndReusedParents_areRemovedWhenTheRunHasFinished_theImagesStay() throws Exception {
        DockerDaemon docker = DockerDaemon.shared();
        GraphFixture fixture = new GraphFixture(dir);
        Busybox.copyInto(dir.resolve("images/base/busybox"));
        Busybox.copyInto(dir.resolve("images/other/busybox"));
        fixture.image("base", BASE).image("other", BASE + "RUN echo other > /other\n")
                .image("child", "FROM base\nFROM other\nCOPY --from=base /bin/busybox /copied\nRUN echo child > /child\n");
        String prefix = "pins" + System.nanoTime();
        // "other" is reused: built before, outside this builder
        assertThat(docker.docker("build", "-q", "-t", prefix + "/other:test", dir.resolve("images/other").toString())
                .succeeded()).isTrue();
        String otherId = docker.docker("image", "inspect", "--format", "{{.Id}}", prefix + "/other:test").stdout().strip();
        List<String> before = pinTags(docker);
        DockerfileBuilder builder = DockerfileBuilder.docker(new LocalProcessRunner(), DEBIAN_DOCKER, docker.environment());
        BuildSettings settings = BuildSettings.defaults().withNetwork(NetworkMode.NONE);
        String baseId = builder.build(new BuildJob(fixture.graph().node("base"), dir, Map.of(), new TreeMap<>(),
                List.of(prefix + "/base:test"), dir.resolve("work/base"), Map.of(), settings), new ByteArrayOutputStream());
        String childId = builder.build(new BuildJob(fixture.graph().node("child"), dir, Map.of("base", baseId, "other", otherId),
                new TreeMap<>(), List.of(prefix + "/child:test"), dir.resolve("work/child"), Map.of(), settings),
                new ByteArrayOutputStream());
        assertThat(docker.docker("run", "--rm", "--network", "none", childId, "cat", "/other", "/child").stdout())
                .isEqualTo("other\nchild\n");
        assertThat(pinTags(docker)).hasSize(before.size() + 3);

        builder.runFinished();

        assertThat(pinTags(docker)).containsExactlyInAnyOrderElementsOf(before);
        for (String image : List.of("base", "other", "child")) {
            assertThat(docker.docker("image", "inspect", prefix + "/" + image + ":test").succeeded()).as(image).isTrue();
        }
    }
}
