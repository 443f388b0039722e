package io.imagegraph.cli;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.BuildReportReader;
import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.promote.PromotionReport;
import io.imagegraph.core.provenance.KeyFileException;
import io.imagegraph.core.provenance.PromotionAttestations;
import io.imagegraph.core.provenance.ProvenanceRequirement;
import io.imagegraph.core.provenance.VerificationKey;
import io.imagegraph.core.registry.RegistryException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** promote's provenance options: refuse images without a verified attestation, and copy attestations along. */
final class ProvenanceOptions {

    @Option(names = "--require-provenance",
            description = "Refuse the promotion unless every image of the run carries a provenance attestation signed"
                    + " with --key whose subject, builder and parents check out (see imagegraph verify).")
    boolean requireProvenance;

    @Option(names = "--key", paramLabel = "FILE",
            description = "The public key (PEM) the attestations must be signed with; needed by --require-provenance.")
    Path key;

    @Option(names = "--require-gate-attestation",
            description = "With --require-provenance, also require a signed gate attestation that passed.")
    boolean requireGate;

    /** True when the promotion may go ahead; prints why not to {@code err}. */
    boolean allowPromotion(Path report, StateOption state, RegistryOptions registryOptions, PrintWriter err)
            throws BadInputException, IOException, InterruptedException, RegistryException {
        if (!requireProvenance) {
            return true;
        }
        if (key == null) {
            throw new BadInputException("--require-provenance needs --key with the public key the attestations are"
                    + " signed with");
        }
        VerificationKey publicKey;
        try {
            publicKey = VerificationKey.read(key);
        } catch (KeyFileException e) {
            throw new BadInputException("--key: " + e.getMessage());
        }
        Path lineage = state.ofRun(report).folder().resolve(JsonLinesLineageStore.FILE_NAME);
        ProvenanceRequirement.Decision decision = new ProvenanceRequirement(registryOptions.registries(
                new LocalProcessRunner(), null), publicKey, requireGate).check(read(report), lineage);
        boolean all = decision.allowed();
        decision.refusals().forEach(refusal -> err.println("imagegraph: " + refusal));
        if (!all) {
            err.println("imagegraph: not promoted: --require-provenance refuses images without a verified attestation;"
                    + " no tag was moved");
        }
        err.flush();
        return all;
    }

    /** After a promotion, copies the attestations into the repositories promoted to; a failure is reported, not fatal. */
    void copyAttestations(Path report, PromotionReport promotion, RegistryOptions registryOptions, PrintWriter err)
            throws IOException, InterruptedException {
        try {
            new PromotionAttestations(registryOptions.registries(new LocalProcessRunner(), null))
                    .copy(read(report), promotion).forEach(line -> err.println("imagegraph: " + line));
        } catch (RegistryException e) {
            err.println("imagegraph: the tags moved, but the attestations were not copied along: " + e.getMessage());
        } catch (BadInputException e) {
            err.println("imagegraph: " + e.getMessage());
        }
        err.flush();
    }

    private static BuildReport read(Path report) throws BadInputException {
        try {
            return BuildReportReader.read(report);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("cannot read the build report " + report + ": " + e.getMessage());
        }
    }
}
