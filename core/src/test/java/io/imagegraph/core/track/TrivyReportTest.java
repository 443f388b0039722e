package io.imagegraph.core.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.ref.Digest;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrivyReportTest {

    private static Path fixture() throws URISyntaxException {
        return Path.of(TrivyReportTest.class.getResource("/trivy/keystone-image.json").toURI());
    }

    @Test
    void read_imageScan_givesTheManifestDigestAndEveryFinding() throws Exception {
        TrivyReport report = TrivyReport.read(fixture());
        assertThat(report.artifact()).isEqualTo("quay.io/acme/keystone:pr-42");
        assertThat(report.digests()).containsExactly(
                Digest.of("sha256:3f3c1fe1f6d1b3e6c5f0d56a0e0a0b1c2d3e4f5061728394a5b6c7d8e9f0a1b2"));
        assertThat(report.findings()).hasSize(4);
        assertThat(report.atLeast(Severity.HIGH)).extracting(TrivyReport.Finding::id)
                .containsExactly("CVE-2026-10001", "CVE-2026-10002");
        assertThat(report.holdReason(Severity.HIGH)).isEqualTo("2 HIGH or worse in quay.io/acme/keystone:pr-42:"
                + " CVE-2026-10001 CRITICAL (libssl3), CVE-2026-10002 HIGH (libc6)");
    }

    @Test
    void holds_atOrAboveTheThreshold_holdTheScannedDigestWithTheReason() throws Exception {
        TrivyReport report = TrivyReport.read(fixture());
        assertThat(report.holds(Severity.CRITICAL)).hasSize(1).allSatisfy((digest, reason) -> {
            assertThat(report.digests()).contains(digest);
            assertThat(reason).startsWith("1 CRITICAL or worse in quay.io/acme/keystone:pr-42: CVE-2026-10001");
        });
    }

    @Test
    void read_notJson_saysHowToWriteIt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("scan.txt"), "Total: 6 (UNKNOWN: 2, LOW: 0)");
        assertThatThrownBy(() -> TrivyReport.read(file)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("the Trivy report " + file + " is not JSON").hasMessageContaining("-f json");
    }

    @Test
    void read_oldSchema_isRefused(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("old.json"), "[{\"Target\": \"x\", \"Vulnerabilities\": null}]");
        assertThatThrownBy(() -> TrivyReport.read(file)).hasMessageContaining("schema version 2");
    }

    @Test
    void read_missingFile_namesIt(@TempDir Path dir) {
        assertThatThrownBy(() -> TrivyReport.read(dir.resolve("none.json"))).hasMessageContaining("does not exist");
    }
}
