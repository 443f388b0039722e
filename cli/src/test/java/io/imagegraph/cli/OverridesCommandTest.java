package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.testing.GraphFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverridesCommandTest {

    @TempDir
    Path dir;

    private static final Manifest PUSHED = Manifest.of("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}"
            .getBytes(), "application/vnd.oci.image.manifest.v1+json");

    @Test
    void overrides_pinTheReportsImagesByDigestWithTheirMetadata() throws Exception {
        new GraphFixture(dir).graphFile("images:\n  keystone:\n    metadata:\n      env: {OS_DEBUG: '1'}\n")
                .image("keystone", "FROM scratch\n");
        Path report = RunReports.onePushed(dir.resolve("build-report.json"), "run-1", "keystone",
                "quay.io/acme/keystone", PUSHED);
        CliRun run = CliRun.of("overrides", "-d", dir.toString(), "--report", report.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("image: quay.io/acme/keystone@" + PUSHED.digest()).contains("OS_DEBUG: \"1\"")
                .doesNotContain(":test");
    }

    @Test
    void formatOtherThanYamlOrJson_isBadInput() throws Exception {
        new GraphFixture(dir).image("keystone", "FROM scratch\n");
        CliRun run = CliRun.of("overrides", "-d", dir.toString(), "--report", "x.json", "-o", "dot");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("overrides prints yaml or json, not dot");
    }
}
