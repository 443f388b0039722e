package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeldCommandTest {

    private static final String SCANNED = "sha256:3f3c1fe1f6d1b3e6c5f0d56a0e0a0b1c2d3e4f5061728394a5b6c7d8e9f0a1b2";

    @TempDir
    Path dir;

    private CliRun held(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "held";
        all[1] = "--state";
        all[2] = dir.resolve("state").toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRun.of(all);
    }

    private Path trivyFixture() throws Exception {
        Path file = dir.resolve("scan.json");
        try (var in = HeldCommandTest.class.getResourceAsStream("/trivy/keystone-image.json")) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    @Test
    void holdThenRelease_listsAndLiftsIt() {
        String digest = "sha256:" + "a".repeat(64);
        CliRun hold = held("--hold", digest, "--reason", "CVE-2026-10001");
        assertThat(hold.exitCode()).as(hold.err()).isZero();
        assertThat(hold.out()).contains(digest).contains("is held (CVE-2026-10001)");
        CliRun release = held("--release", digest);
        assertThat(release.out()).contains("No digest is held.");
    }

    @Test
    void trivyScanWithHighFindings_holdsTheScannedDigest() throws Exception {
        CliRun run = held("--trivy", trivyFixture().toString(), "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"digest\" : \"" + SCANNED + "\"")
                .contains("2 HIGH or worse in quay.io/acme/keystone:pr-42");
    }

    @Test
    void trivyScanBelowTheThreshold_holdsNothing() throws Exception {
        Path scan = Files.writeString(dir.resolve("medium.json"), "{\"SchemaVersion\": 2, \"ArtifactName\": \"app\","
                + " \"Metadata\": {\"RepoDigests\": [\"quay.io/acme/app@" + SCANNED + "\"]}, \"Results\": [{\"Target\":"
                + " \"app\", \"Vulnerabilities\": [{\"VulnerabilityID\": \"CVE-2026-2\", \"PkgName\": \"zlib1g\","
                + " \"Severity\": \"MEDIUM\"}]}]}");
        CliRun run = held("--trivy", scan.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(scan + ": nothing at HIGH or worse; no hold").contains("No digest is held.");
        CliRun lower = held("--trivy", scan.toString(), "--severity", "medium");
        assertThat(lower.out()).contains(scan + ": held " + SCANNED);
    }

    @Test
    void trivyScanWithoutRepoDigests_isBadInputSayingWhy() throws Exception {
        Path scan = Files.writeString(dir.resolve("local.json"), "{\"SchemaVersion\": 2, \"ArtifactName\": \"app\","
                + " \"Metadata\": {\"RepoDigests\": []}, \"Results\": []}");
        CliRun run = held("--trivy", scan.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("names no repository digest");
    }

    @Test
    void holdWithoutReason_isBadInput() {
        CliRun run = held("--hold", "sha256:" + "a".repeat(64));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--hold needs --reason");
    }

    @Test
    void badSeverity_isBadInputListingTheLevels() {
        CliRun run = held("--severity", "severe");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--severity 'severe' is not a severity; use one of");
    }
}
