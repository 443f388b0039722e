package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.testing.Busybox;
import io.imagegraph.core.testing.DockerDaemon;
import io.imagegraph.core.testing.GraphFixture;
import io.imagegraph.core.testing.HeadlessChromium;
import io.imagegraph.core.testing.LoopbackRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole run — build with a real Docker Engine into a loopback registry (one image failing),
 * smoke tests, promotion — then imagegraph report, opened in Debian's headless Chromium.
 */
class ReportCommandTest {

    @TempDir
    Path dir;

    @Test
    void reportOfARealRun_showsBuiltPromotedAndFailedImagesInTheBrowser() throws Exception {
        DockerDaemon docker = DockerDaemon.shared();
        new GraphFixture(dir)
                .graphFile("namespace: rep" + Long.toHexString(System.nanoTime()) + "\nimages:\n"
                        + "  base:\n    smokeTests:\n      - name: shell\n        command: [/bin/busybox, 'true']\n"
                        + "  app:\n    smokeTests:\n      - name: version\n        command: [/bin/busybox, cat, /app.txt]\n")
                .image("base", "FROM scratch\nCOPY busybox /bin/busybox\n")
                .image("app", "FROM base\nCOPY app.txt /app.txt\n")
                .file("images/app/app.txt", "app 1.0\n")
                .image("broken", "FROM base\nRUN [\"/bin/busybox\", \"false\"]\n");
        Busybox.copyInto(dir.resolve("images/base/busybox"));
        try (LoopbackRegistry registry = LoopbackRegistry.start()) {
            CliRun build = CliRun.of("build", "-d", dir.toString(), "-H", docker.host(), "--registry", registry.host(),
                    "-q");
            assertThat(build.exitCode()).as(build.err()).isEqualTo(1);
            String report = build.out().lines().filter(line -> line.startsWith("Report: ")).findFirst().orElseThrow()
                    .substring("Report: ".length());
            CliRun test = CliRun.of("test", "-d", dir.toString(), "-H", docker.host(), "--report", report, "-q");
            assertThat(test.exitCode()).as(test.err() + test.out()).isZero();
            CliRun promote = CliRun.of("promote", "--report", report, "--tests",
                    Path.of(report).resolveSibling("test-report.json").toString(), "--to", "latest");
            assertThat(promote.exitCode()).as(promote.err() + promote.out()).isZero();

            CliRun drawn = CliRun.of("report", "-d", dir.toString(), "--report", report, "--svg",
                    dir.resolve("lineage.svg").toString());
            assertThat(drawn.exitCode()).as(drawn.err()).isZero();
            Path html = Path.of(report).resolveSibling("lineage.html");
            assertThat(drawn.out()).contains(html.toString());
            assertThat(Files.readString(dir.resolve("lineage.svg"))).startsWith("<svg");

            try (HeadlessChromium browser = HeadlessChromium.start()) {
                browser.open(html.toUri().toString());
                assertThat(status(browser, "base")).isEqualTo("promoted built");
                assertThat(status(browser, "app")).isEqualTo("promoted built");
                assertThat(status(browser, "broken")).isEqualTo("failed");
                assertThat(browser.findAll("#picture path.edge")).hasSize(2);
                assertThat(browser.findAll("#images tbody tr")).hasSize(3);
                String app = browser.findAll("#image-app").get(0);
                browser.click(browser.findAll("#image-app summary").get(0));
                assertThat(browser.text(app)).contains("version: passed").contains("app 1.0")
                        .contains(registry.host() + "/").contains(":latest");
                browser.screenshot(Path.of("target", "screenshots", "report-of-a-real-run.png"));
            }
        }
    }

    private static String status(HeadlessChromium browser, String image) throws Exception {
        return browser.attribute(browser.findAll("#picture g.node[data-node=" + image + "]").get(0), "data-status");
    }

    @Test
    void report_asJson_namesTheFilesAndEachNodesStatuses() throws Exception {
        new GraphFixture(dir).image("keystone", "FROM debian:12\n");
        Path report = RunReports.onePushed(dir.resolve("run/build-report.json"), "run-9", "keystone",
                "quay.io/acme/keystone", io.imagegraph.core.registry.Manifest.of("{\"schemaVersion\":2}".getBytes(),
                        "application/vnd.oci.image.manifest.v1+json"));
        CliRun run = CliRun.of("report", "-d", dir.toString(), "--report", report.toString(), "--state",
                dir.resolve("state").toString(), "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"runId\" : \"run-9\"")
                .contains("\"html\" : \"" + dir.resolve("run/lineage.html") + "\"")
                .contains("\"keystone\" : \"built\"").contains("\"external:debian:12\" : \"external\"");
        assertThat(dir.resolve("run/lineage.html")).exists();
    }

    @Test
    void missingReport_isBadInput() {
        new GraphFixture(dir).image("base", "FROM scratch\n");
        CliRun run = CliRun.of("report", "-d", dir.toString(), "--report", dir.resolve("none.json").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("none.json does not exist");
    }
}
