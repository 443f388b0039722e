package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.process.CapturedRun;
import io.imagegraph.core.testing.Busybox;
import io.imagegraph.core.testing.DockerDaemon;
import io.imagegraph.core.testing.GraphFixture;
import io.imagegraph.core.testing.LoopbackRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upstream base in a loopback registry, moved under its tag: imagegraph watch sees it, and
 * the next build rebuilds exactly the images on it, from the new digest. Real Docker Engine.
 */
class WatchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private DockerDaemon docker;
    private LoopbackRegistry registry;
    private String upstream;

    @BeforeEach
    void graph() throws Exception {
        docker = DockerDaemon.shared();
        registry = LoopbackRegistry.start();
        upstream = registry.host() + "/upstream/busybox:1";
        new GraphFixture(dir)
                .graphFile("namespace: w" + Long.toHexString(System.nanoTime()) + "\nupstream:\n  interval: 1h\n")
                .image("app", "FROM " + upstream + "\nCOPY app.txt /app.txt\n")
                .file("images/app/app.txt", "app\n")
                .image("child", "FROM app\nCOPY child.txt /child.txt\n")
                .file("images/child/child.txt", "child\n")
                .image("other", "FROM scratch\nCOPY other.txt /other.txt\n")
                .file("images/other/other.txt", "other\n");
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
    }

    /** Builds and pushes the upstream image with this version file; returns nothing, the registry has it. */
    private void pushUpstream(String version) throws Exception {
        Path context = Files.createDirectories(dir.resolve("upstream-" + version));
        Busybox.copyInto(context.resolve("busybox"));
        Files.writeString(context.resolve("version"), version + "\n");
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\nCOPY version /version\n");
        CapturedRun built = docker.docker("build", "-q", "--network", "none", "-t", upstream, context.toString());
        assertThat(built.exitCode()).as(built.stderr() + built.stdout()).isZero();
        CapturedRun pushed = docker.docker("push", upstream);
        assertThat(pushed.exitCode()).as(pushed.stderr() + pushed.stdout()).isZero();
    }

    private JsonNode json(CliRun run) throws Exception {
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        return JSON.readTree(run.out());
    }

    @Test
    void movedUpstreamTag_rebuildsExactlyItsChildren_fromTheNewDigest() throws Exception {
        pushUpstream("1");
        JsonNode first = json(CliRun.of("watch", "-d", dir.toString(), "-o", "json"));
        assertThat(first.at("/watches/0/watch").asText()).isEqualTo(upstream);
        assertThat(first.at("/watches/0/status").asText()).isEqualTo("first_seen");
        String digest1 = first.at("/watches/0/digest").asText();

        CliRun build1 = CliRun.of("build", "-d", dir.toString(), "-H", docker.host(), "--registry", registry.host(), "-q");
        assertThat(build1.exitCode()).as(build1.err()).isZero();
        assertThat(Files.readString(dir.resolve(".imagegraph/lineage.jsonl"))).contains(upstream + "@" + digest1);

        CliRun soon = CliRun.of("watch", "-d", dir.toString());
        assertThat(soon.out()).contains("skipped").contains("No image needs rebuilding.");

        pushUpstream("2");
        JsonNode moved = json(CliRun.of("watch", "-d", dir.toString(), "--force", "-o", "json"));
        assertThat(moved.at("/watches/0/status").asText()).isEqualTo("moved");
        String digest2 = moved.at("/watches/0/digest").asText();
        assertThat(digest2).isNotEqualTo(digest1);
        assertThat(moved.at("/watches/0/previousDigest").asText()).isEqualTo(digest1);
        assertThat(moved.get("rebuild").fieldNames()).toIterable().containsExactly("app", "child");
        CliRun history = CliRun.of("history", "--state", dir.resolve(".imagegraph").toString(), upstream);
        assertThat(history.out()).containsPattern("busybox:1 +" + digest2.substring(7, 19) + " +"
                + digest1.substring(7, 19) + " +imported");

        JsonNode plan = json(CliRun.of("plan", "-d", dir.toString(), "-o", "json"));
        JsonNode app = null;
        for (JsonNode image : plan.get("images")) {
            if (image.get("name").asText().equals("app")) {
                app = image;
            }
        }
        assertThat(app.at("/externalBases/0/upstreamPin").asText()).isEqualTo(upstream + "@" + digest2);

        JsonNode build2 = json(CliRun.of("build", "-d", dir.toString(), "-H", docker.host(), "--registry",
                registry.host(), "-q", "-o", "json"));
        for (JsonNode image : build2.get("images")) {
            String expected = image.get("name").asText().equals("other") ? "reused" : "built";
            assertThat(image.get("status").asText()).as(image.get("name").asText()).isEqualTo(expected);
        }
        CapturedRun label = docker.docker("image", "inspect", "--format",
                "{{ index .Config.Labels \"org.opencontainers.image.base.digest\" }}",
                build2.at("/images/0/imageId").asText());
        assertThat(label.stdout().strip()).isEqualTo(digest2);
        CapturedRun version = docker.docker("run", "--rm", "--network", "none", "--entrypoint", "/bin/busybox",
                build2.at("/images/0/imageId").asText(), "cat", "/version");
        assertThat(version.stdout().strip()).isEqualTo("2");
    }
}
