package io.imagegraph.cli;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.BuildReportReader;
import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.provenance.AttestationVerifier;
import io.imagegraph.core.provenance.KeyFileException;
import io.imagegraph.core.provenance.PromotionAttestations;
import io.imagegraph.core.provenance.Verification;
import io.imagegraph.core.provenance.VerificationKey;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.report.LineageHtml;
import io.imagegraph.core.run.LineageRun;
import io.imagegraph.core.state.StateDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** report --key: each image's attestations checked, shown on the lineage page. */
final class ReportProvenance {

    @Option(names = "--key", paramLabel = "FILE",
            description = "Check each pushed image's attestations against this public key (PEM) and show on the page"
                    + " whether it carries a verified attestation (as imagegraph verify checks it).")
    Path key;

    /** Writes the page again with an Attestation line per pushed image, when --key was given. */
    void annotate(Path buildReport, LineageRun.Outcome drawn, StateDirectory state, RegistryOptions registryOptions)
            throws BadInputException, IOException {
        if (key == null) {
            return;
        }
        VerificationKey publicKey;
        try {
            publicKey = VerificationKey.read(key);
        } catch (KeyFileException e) {
            throw new BadInputException("--key: " + e.getMessage());
        }
        BuildReport build = BuildReportReader.read(buildReport);
        Path lineage = state.folder().resolve(JsonLinesLineageStore.FILE_NAME);
        AttestationVerifier verifier = new AttestationVerifier(Optional.of(publicKey), Optional.empty(),
                Files.exists(lineage) ? new JsonLinesLineageStore(lineage).records() : List.of());
        Map<String, String> shown = new LinkedHashMap<>();
        try {
            List<Verification> checked = new PromotionAttestations(registryOptions.registries(new LocalProcessRunner(),
                    null)).verify(build, verifier, false);
            List<String> names = build.images().stream().filter(i -> i.digest().isPresent() || !i.tags().isEmpty())
                    .map(io.imagegraph.core.build.ImageResult::name).toList();
            for (int i = 0; i < checked.size(); i++) {
                Verification verification = checked.get(i);
                shown.put(names.get(i), verification.passed() ? "verified with " + publicKey.keyId()
                        : "NOT verified: " + verification.failures());
            }
        } catch (RegistryException e) {
            build.images().forEach(image -> shown.put(image.name(), "not checked: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Files.writeString(drawn.html(), LineageHtml.render(drawn.view(), drawn.picture(), shown));
    }
}
