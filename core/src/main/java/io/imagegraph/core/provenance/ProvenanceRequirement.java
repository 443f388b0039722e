package io.imagegraph.core.provenance;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.RegistryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code promote --require-provenance} and {@code promoteImages requireProvenance: true} both
 * decide before a tag moves: every image of the run that has a registry digest carries a
 * provenance attestation signed with the given key whose subject, builder and parents check out
 * against the run's lineage (and, with {@code requireGate}, a signed gate attestation that passed).
 * One image that does not verify refuses the whole promotion.
 */
public final class ProvenanceRequirement {

    /**
     * The verdict.
     *
     * @param verifications each image's verification
     * @param refusals      one sentence per image that does not verify
     */
    public record Decision(List<Verification> verifications, List<String> refusals) {

        public Decision {
            verifications = List.copyOf(verifications);
            refusals = List.copyOf(refusals);
        }

        public boolean allowed() {
            return refusals.isEmpty();
        }
    }

    private final Registries registries;
    private final VerificationKey key;
    private final boolean requireGate;

    public ProvenanceRequirement(Registries registries, VerificationKey key, boolean requireGate) {
        this.registries = registries;
        this.key = key;
        this.requireGate = requireGate;
    }

    /**
     * @param build        the run's build report
     * @param lineageFile  the state's lineage records (absent: the parents are checked against nothing recorded)
     */
    public Decision check(BuildReport build, Path lineageFile)
            throws IOException, RegistryException, InterruptedException {
        List<LineageRecord> records = Files.exists(lineageFile)
                ? new JsonLinesLineageStore(lineageFile).records() : List.of();
        AttestationVerifier verifier = new AttestationVerifier(Optional.of(key), Optional.empty(), records);
        List<Verification> verifications = new PromotionAttestations(registries).verify(build, verifier, requireGate);
        List<String> refusals = verifications.stream().filter(verification -> !verification.passed())
                .map(verification -> verification.image() + " does not verify: " + verification.failures()).toList();
        return new Decision(verifications, refusals);
    }
}
