package io.imagegraph.core.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.registry.RegistryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the attestations of one image: that a provenance statement is there, that its signature
 * is the key's, that its subject is the image's digest, that image-graph built it (and, when
 * asked, which builder), and that the parents' digests it names are the ones the lineage
 * recorded for that digest; with {@code requireGate}, also a signed gate statement that passed.
 */
public final class AttestationVerifier {

    private final Optional<VerificationKey> key;
    private final Optional<String> builderPrefix;
    private final List<LineageRecord> lineage;

    public AttestationVerifier(Optional<VerificationKey> key, Optional<String> builderPrefix, List<LineageRecord> lineage) {
        this.key = key;
        this.builderPrefix = builderPrefix;
        this.lineage = List.copyOf(lineage);
    }

    public Verification verify(Registry registry, RepositoryName repository, Digest digest, boolean requireGate)
            throws RegistryException, InterruptedException {
        String image = registry.name() + "/" + repository.value() + "@" + digest;
        List<Verification.Finding> findings = new ArrayList<>();
        List<AttestationArtifact> artifacts = StoredAttestations.of(registry, repository, digest);
        boolean provenance = false;
        boolean gate = false;
        for (AttestationArtifact artifact : artifacts) {
            String type = artifact.entry().predicateType();
            String what = (type.equals(GateAttestation.PREDICATE_TYPE) ? "gate" : "provenance") + " attestation "
                    + artifact.manifest().digest().shortForm();
            Optional<InTotoStatement> statement = checked(artifact, digest, what, findings);
            if (statement.isEmpty()) {
                continue;
            }
            if (statement.get().predicateType().equals(BuildProvenance.PREDICATE_TYPE)) {
                provenance = true;
                checkBuilder(statement.get().predicate(), what, findings);
                checkParents(statement.get().predicate(), digest, what, findings);
            } else if (statement.get().predicateType().equals(GateAttestation.PREDICATE_TYPE)) {
                gate = true;
                String verdict = statement.get().predicate().path("verdict").asText();
                int tests = statement.get().predicate().path("tests").size();
                findings.add(new Verification.Finding(!requireGate || verdict.equals("passed"), what + ": verdict "
                        + verdict + " after " + tests + (tests == 1 ? " smoke test" : " smoke tests") + " at "
                        + statement.get().predicate().path("testedDigest").asText()));
            }
        }
        if (!provenance) {
            findings.add(new Verification.Finding(false, "no signed provenance attestation of " + digest + " in "
                    + registry.name() + "/" + repository.value() + " (found " + artifacts.size()
                    + " attestation(s) through the referrers API or the " + Referrers.fallbackTag(digest).substring(0, 19)
                    + "… tag)"));
        }
        if (requireGate && !gate) {
            findings.add(new Verification.Finding(false, "no signed gate attestation (the smoke tests' verdict)"));
        }
        return new Verification(image, findings);
    }

    /** The statement, when the envelope verifies and names the digest; the findings say why not. */
    private Optional<InTotoStatement> checked(AttestationArtifact artifact, Digest digest, String what,
                                              List<Verification.Finding> findings) {
        DsseEnvelope envelope;
        InTotoStatement statement;
        try {
            envelope = DsseEnvelope.parse(artifact.envelope());
            statement = InTotoStatement.parse(envelope.payload());
        } catch (AttestationFormatException e) {
            findings.add(new Verification.Finding(false, what + ": " + e.getMessage()));
            return Optional.empty();
        }
        if (key.isPresent()) {
            boolean signed = envelope.verifiedBy(key.get());
            findings.add(new Verification.Finding(signed, what + ": signature " + (signed ? "verified with "
                    : "does NOT verify with ") + key.get().keyId()));
            if (!signed) {
                return Optional.empty();
            }
        } else {
            findings.add(new Verification.Finding(true, what + ": signature not checked (no --key given)"));
        }
        boolean subject = statement.names(digest);
        findings.add(new Verification.Finding(subject, what + ": subject " + (subject ? "is " + digest.shortForm()
                : "is " + statement.subjects().stream().map(s -> s.digest().toString()).toList()
                + ", not this image's " + digest)));
        return subject ? Optional.of(statement) : Optional.empty();
    }

    private void checkBuilder(JsonNode predicate, String what, List<Verification.Finding> findings) {
        JsonNode builder = predicate.path("runDetails").path("builder");
        String id = builder.path("id").asText();
        String version = builder.path("version").path("image-graph").asText("");
        boolean ours = !version.isEmpty() && builderPrefix.map(id::startsWith).orElse(true);
        findings.add(new Verification.Finding(ours, what + ": builder " + id + (version.isEmpty() ? " (not image-graph)"
                : " (image-graph " + version + ")") + builderPrefix.filter(p -> !id.startsWith(p))
                .map(p -> ", not under " + p).orElse("")));
    }

    /** The parents the statement names against the lineage's record of this digest, when there is one. */
    private void checkParents(JsonNode predicate, Digest digest, String what, List<Verification.Finding> findings) {
        Map<String, String> attested = new LinkedHashMap<>();
        for (JsonNode dependency : predicate.path("buildDefinition").path("resolvedDependencies")) {
            String name = dependency.path("name").asText();
            if (name.startsWith("parent:")) {
                attested.put(name.substring("parent:".length()), "sha256:" + dependency.path("digest").path("sha256").asText());
            }
        }
        Optional<LineageRecord> record = lineage.stream().filter(r -> digest.toString().equals(r.digest()))
                .reduce((first, second) -> second);
        if (record.isEmpty()) {
            findings.add(new Verification.Finding(true, what + ": parents " + attested
                    + " (no lineage record of this digest to compare with)"));
            return;
        }
        Map<String, String> recorded = new LinkedHashMap<>();
        record.get().parents().forEach(parent -> recorded.put(parent.name(), parent.digest()));
        boolean same = recorded.equals(attested);
        findings.add(new Verification.Finding(same, what + ": parents " + (same ? recorded + " match the lineage"
                : attested + " differ from the lineage's " + recorded)));
    }
}
