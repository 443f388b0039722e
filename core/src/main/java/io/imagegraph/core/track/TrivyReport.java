package io.imagegraph.core.track;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.ImageRef;
import io.imagegraph.core.ref.InvalidReferenceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Trivy image scan in its JSON format ({@code trivy image -f json}, schema version 2): the
 * scanned image's manifest digests (from {@code Metadata.RepoDigests}) and its vulnerabilities.
 *
 * @param file     the report
 * @param artifact what Trivy scanned, as it names it
 * @param digests  the image's manifest digests
 * @param findings every vulnerability found
 */
public record TrivyReport(Path file, String artifact, Set<Digest> digests, List<Finding> findings) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One vulnerability in one package. */
    public record Finding(String id, String packageName, String installedVersion, Severity severity) {
    }

    public TrivyReport {
        digests = Set.copyOf(digests);
        findings = List.copyOf(findings);
    }

    /**
     * @throws IOException with a sentence naming the file and what is wrong with it
     */
    public static TrivyReport read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new IOException("the Trivy report " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw new IOException("the Trivy report " + file + " is not JSON (line " + e.getLocation().getLineNr()
                    + ": " + e.getOriginalMessage() + "); write it with trivy image -f json");
        }
        if (!root.isObject() || root.path("SchemaVersion").asInt() != 2) {
            throw new IOException("the Trivy report " + file + " is not a Trivy JSON report of schema version 2"
                    + " (no \"SchemaVersion\": 2); write it with a current trivy image -f json");
        }
        String artifact = root.path("ArtifactName").asText("");
        Set<Digest> digests = new LinkedHashSet<>();
        for (JsonNode repoDigest : root.path("Metadata").path("RepoDigests")) {
            try {
                ImageRef.parse(repoDigest.asText()).digest().ifPresent(digests::add);
            } catch (InvalidReferenceException e) {
                throw new IOException("the Trivy report " + file + " names a repository digest that is not a reference: "
                        + repoDigest.asText());
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (JsonNode result : root.path("Results")) {
            for (JsonNode vulnerability : result.path("Vulnerabilities")) {
                Severity severity;
                try {
                    severity = Severity.parse(vulnerability.path("Severity").asText("UNKNOWN"));
                } catch (IllegalArgumentException e) {
                    severity = Severity.UNKNOWN;
                }
                findings.add(new Finding(vulnerability.path("VulnerabilityID").asText("?"),
                        vulnerability.path("PkgName").asText("?"), vulnerability.path("InstalledVersion").asText(""),
                        severity));
            }
        }
        return new TrivyReport(file, artifact, digests, findings);
    }

    /** The findings at or above a severity, most severe first. */
    public List<Finding> atLeast(Severity threshold) {
        return findings.stream().filter(f -> f.severity().isAtLeast(threshold))
                .sorted((a, b) -> b.severity().compareTo(a.severity())).toList();
    }

    /**
     * The reason a hold gives for the findings at or above the threshold: their count and the
     * first few IDs ("3 HIGH or worse: CVE-2026-1 (openssl), ...").
     */
    public String holdReason(Severity threshold) {
        List<Finding> found = atLeast(threshold);
        String first = found.stream().limit(3).map(f -> f.id() + " " + f.severity() + " (" + f.packageName() + ")")
                .collect(Collectors.joining(", "));
        return found.size() + " " + threshold + " or worse in " + (artifact.isEmpty() ? "the image" : artifact)
                + ": " + first + (found.size() > 3 ? ", ..." : "");
    }

    /**
     * The holds this scan asks for: each scanned digest with {@link #holdReason}, when a finding
     * is at or above the threshold; none otherwise.
     */
    public java.util.Map<Digest, String> holds(Severity threshold) {
        java.util.Map<Digest, String> holds = new java.util.LinkedHashMap<>();
        if (!atLeast(threshold).isEmpty()) {
            digests.forEach(digest -> holds.put(digest, holdReason(threshold)));
        }
        return holds;
    }
}
