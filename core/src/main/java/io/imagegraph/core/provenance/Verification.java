package io.imagegraph.core.provenance;

import java.util.List;

/**
 * What checking an image's attestations found: one line a check, each passed or failed. The
 * image verifies when no check failed.
 *
 * @param image    {@code registry/repository@sha256:…}
 * @param findings every check, in the order made
 */
public record Verification(String image, List<Finding> findings) {

    public Verification {
        findings = List.copyOf(findings);
    }

    /** One check and what it found. */
    public record Finding(boolean passed, String message) {
    }

    public boolean passed() {
        return !findings.isEmpty() && findings.stream().allMatch(Finding::passed);
    }

    /** The failed checks' messages, joined: why an image does not verify. */
    public String failures() {
        return String.join("; ", findings.stream().filter(finding -> !finding.passed()).map(Finding::message).toList());
    }
}
