package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.testing.Busybox;
import io.imagegraph.core.testing.DockerDaemon;
import io.imagegraph.core.testing.GraphFixture;
import io.imagegraph.core.testing.LoopbackRegistry;
import io.imagegraph.core.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** build --sign-key → test --sign-key → verify → promote --require-provenance, with a real Docker Engine and CNCF registry. */
class VerifyCommandTest {

    private static LoopbackRegistry registry;

    @TempDir
    Path dir;
    @TempDir
    Path keys;
    private DockerDaemon docker;
    private String namespace;
    private TestKeys.Pair ci;

    @BeforeAll
    static void start() throws Exception {
        registry = LoopbackRegistry.start();
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    @BeforeEach
    void graph() throws Exception {
        docker = DockerDaemon.shared();
        namespace = "vf" + Long.toHexString(System.nanoTime());
        new GraphFixture(dir)
                .graphFile("namespace: " + namespace + "\nimages:\n  app:\n    smokeTests:\n      - name: content\n"
                        + "        command: [/bin/busybox, cat, /app.txt]\n        timeoutSeconds: 60\n")
                .image("base", "FROM scratch\nCOPY busybox /bin/busybox\n")
                .image("app", "FROM base\nCOPY app.txt /app.txt\n")
                .file("images/app/app.txt", "app " + namespace + "\n");
        Busybox.copyInto(dir.resolve("images/base/busybox"));
        ci = TestKeys.ecdsa(keys, "ci");
    }

    private static String reportPath(CliRun run) {
        return run.out().lines().filter(l -> l.startsWith("Report: ")).findFirst().orElseThrow()
                .substring("Report: ".length());
    }

    private CliRun verify(String reference, String... more) {
        return CliRun.of(java.util.stream.Stream.concat(java.util.stream.Stream.of("verify", reference, "--state",
                dir.resolve(".imagegraph").toString()), java.util.Arrays.stream(more)).toArray(String[]::new));
    }

    @Test
    void signedBuildAndGate_verifyWithTheRightKey_notWithAnother_andPromoteCarriesThemAlong() throws Exception {
        CliRun build = CliRun.of("build", "-d", dir.toString(), "-H", docker.host(), "--registry", registry.host(), "-q",
                "--sign-key", ci.privateKey().toString());
        assertThat(build.exitCode()).as(build.err()).isZero();
        assertThat(build.err()).contains("app: provenance attestation sha256:").contains("pushed beside "
                + registry.host() + "/" + namespace + "/app@sha256:");
        assertThat(String.join(" ", ProcessHandle.current().info().arguments().orElse(new String[0])))
                .doesNotContain("BEGIN PRIVATE KEY");
        assertThat(build.err() + build.out()).doesNotContain(Files.readString(ci.privateKey()).lines().skip(1)
                .findFirst().orElseThrow());
        CliRun test = CliRun.of("test", "-d", dir.toString(), "-H", docker.host(), "--report", reportPath(build),
                "--sign-key", ci.privateKey().toString());
        assertThat(test.exitCode()).as(test.err() + test.out()).isZero();
        assertThat(test.err()).contains("app: gate attestation sha256:");

        String app = registry.host() + "/" + namespace + "/app:test";
        CliRun verified = verify(app, "--key", ci.publicKey().toString(), "--require-gate");
        assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).contains("signature verified with sha256:")
                .contains("builder https://image-graph.io/builder/cli").contains("match the lineage")
                .contains("verdict passed after 1 smoke test").endsWith("verified\n");

        CliRun report = CliRun.of("report", "-d", dir.toString(), "--report", reportPath(build), "--key",
                ci.publicKey().toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(Files.readString(Path.of(reportPath(build)).resolveSibling("lineage.html")))
                .contains("<dt>Attestation</dt><dd>verified with sha256:");

        TestKeys.Pair other = TestKeys.ed25519(keys, "other");
        CliRun refused = verify(app, "--key", other.publicKey().toString(), "-o", "json");
        assertThat(refused.exitCode()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(refused.out());
        assertThat(json.get("verified").asBoolean()).isFalse();
        assertThat(json.get("checks").toString()).contains("does NOT verify");

        CliRun promote = CliRun.of("promote", "--report", reportPath(build), "--to", "1.0", "--to-namespace",
                namespace + "-release", "--require-provenance", "--key", ci.publicKey().toString());
        assertThat(promote.exitCode()).as(promote.out() + promote.err()).isZero();
        assertThat(promote.err()).contains("app: 2 attestations copied to " + registry.host() + "/" + namespace
                + "-release/app@");
        CliRun released = verify(registry.host() + "/" + namespace + "-release/app:1.0", "--key",
                ci.publicKey().toString(), "--require-gate");
        assertThat(released.exitCode()).as(released.out()).isZero();
    }

    @Test
    void promoteRequireProvenance_refusesAnImageWithoutAttestation() throws Exception {
        CliRun build = CliRun.of("build", "-d", dir.toString(), "-H", docker.host(), "--registry", registry.host(), "-q");
        assertThat(build.exitCode()).as(build.err()).isZero();

        CliRun promote = CliRun.of("promote", "--report", reportPath(build), "--to", "latest", "--allow-untested",
                "--require-provenance", "--key", ci.publicKey().toString());

        assertThat(promote.exitCode()).isEqualTo(1);
        assertThat(promote.err()).contains("does not verify: no signed provenance attestation of sha256:")
                .contains("not promoted: --require-provenance refuses");
        assertThat(registry.manifestStatus(namespace + "/app", "latest")).isEqualTo(404);
        CliRun verify = verify(registry.host() + "/" + namespace + "/app:test", "--key", ci.publicKey().toString());
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("NOT verified");
    }
}
