package io.imagegraph.core.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.ImageResult;
import io.imagegraph.core.build.ImageStatus;
import io.imagegraph.core.testing.GraphFixture;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentOverridesTest {

    private static final String DIGEST = "sha256:" + "d".repeat(64);

    private static ImageResult pushed(String name, Optional<String> digest, String... tags) {
        return new ImageResult(name, ImageStatus.BUILT, Optional.empty(), digest, List.of(tags), "sha256:" + "1".repeat(64),
                Duration.ZERO, Optional.empty(), "", 1);
    }

    private static GraphFixture graph(Path dir) {
        return new GraphFixture(dir)
                .graphFile("images:\n  keystone:\n    metadata:\n      env: {KEYSTONE_DEBUG: 'false'}\n"
                        + "      ports: [5000, 35357/tcp]\n      labels: {app: keystone}\n")
                .image("keystone", "FROM scratch\n").image("glance", "FROM scratch\n");
    }

    @Test
    void of_pinsEachPushedImageByDigest_withItsMetadata(@TempDir Path dir) throws Exception {
        BuildReport report = new BuildReport("run-1", Instant.EPOCH, Instant.EPOCH, List.of(
                pushed("keystone", Optional.of(DIGEST), "quay.io/acme/keystone:input-sha256-" + "1".repeat(64),
                        "quay.io/acme/keystone:pr-1"),
                pushed("glance", Optional.of(DIGEST), "quay.io/acme/glance:pr-1")));
        List<DeploymentOverrides.ImageOverride> overrides = DeploymentOverrides.of(graph(dir).graph(), report);
        StringWriter yaml = new StringWriter();
        DeploymentOverrides.writeYaml(overrides, yaml);
        assertThat(yaml.toString()).isEqualTo("""
                images:
                  keystone:
                    image: quay.io/acme/keystone@%s
                    env:
                      KEYSTONE_DEBUG: "false"
                    ports:
                    - "5000"
                    - 35357/tcp
                    labels:
                      app: keystone
                  glance:
                    image: quay.io/acme/glance@%s
                """.formatted(DIGEST, DIGEST));
    }

    @Test
    void of_imageNotPushed_isRefusedNamingIt(@TempDir Path dir) {
        BuildReport report = new BuildReport("run-2", Instant.EPOCH, Instant.EPOCH, List.of(
                pushed("keystone", Optional.empty(), "acme/keystone:pr-1")));
        assertThatThrownBy(() -> DeploymentOverrides.of(graph(dir).graph(), report))
                .hasMessageContaining("run run-2 did not push keystone to a registry");
    }

    @Test
    void badPort_inTheGraphFile_isAGraphError(@TempDir Path dir) {
        GraphFixture fixture = new GraphFixture(dir).graphFile("images:\n  a:\n    metadata:\n      ports: [http]\n")
                .image("a", "FROM scratch\n");
        assertThat(fixture.load().problems()).anySatisfy(problem ->
                assertThat(problem.toString()).contains("'http' is not a port; write 8080, 8080/tcp or 53/udp"));
    }
}
