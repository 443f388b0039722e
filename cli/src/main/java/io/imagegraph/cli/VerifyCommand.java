package io.imagegraph.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.provenance.AttestationVerifier;
import io.imagegraph.core.provenance.KeyFileException;
import io.imagegraph.core.provenance.ReferenceVerification;
import io.imagegraph.core.provenance.Verification;
import io.imagegraph.core.provenance.VerificationKey;
import io.imagegraph.core.registry.RegistryException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify",
        header = "Check an image's signed provenance (and gate) attestations.",
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Fetch the attestations that refer to an image (the registry's referrers API, else the sha256-<hex> tag"
                    + " of the referrers tag schema) and check each: its DSSE signature against --key, that its"
                    + " subject is the image's digest, that image-graph built it (and under --builder, if given),"
                    + " and that the parents' digests it names are what the lineage recorded for that digest."
                    + " Prints one line a check.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  imagegraph verify 127.0.0.1:5000/acme/keystone:latest --key ci.pub",
            "  imagegraph verify quay.io/acme/base@sha256:<hex> --key ci.pub --require-gate -o json",
            "",
            "Exit codes: 0 every check passed; 1 a check failed (or no provenance attestation); 2 bad input."
        })
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REF", description = "The image: registry/repository:tag or registry/repository@sha256:<hex>.")
    String reference;

    @Option(names = "--key", paramLabel = "FILE",
            description = "The public key (PEM, ECDSA P-256 or Ed25519) the attestations must be signed with; without"
                    + " it signatures are not checked, and the output says so.")
    Path key;

    @Option(names = "--require-gate", description = "Also require a signed gate attestation whose verdict is passed.")
    boolean requireGate;

    @Option(names = "--builder", paramLabel = "PREFIX",
            description = "Require the builder id to start with PREFIX (https://image-graph.io/builder/cli, a Jenkins URL).")
    String builder;

    @Option(names = "--lineage", paramLabel = "FILE",
            description = "The lineage store to compare the parents with (default: lineage.jsonl in the --state folder).")
    Path lineageFile;

    @Mixin
    StateOption stateOption;

    @Mixin
    RegistryOptions registryOptions;

    @Mixin
    ReportFormatOption output;

    @Override
    public Integer call() throws BadInputException, IOException, InterruptedException, RegistryException {
        PrintWriter out = spec.commandLine().getOut();
        boolean json = output.json("verify");
        Verification verification = verifier(key, builder, lineageFile, stateOption, registryOptions)
                .verify(reference, requireGate);
        if (json) {
            ObjectNode node = new ObjectMapper().createObjectNode();
            node.put("image", verification.image());
            node.put("verified", verification.passed());
            verification.findings().forEach(finding -> node.withArray("checks").addObject()
                    .put("passed", finding.passed()).put("check", finding.message()));
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } else {
            out.println(verification.image());
            verification.findings().forEach(finding -> out.println("  " + (finding.passed() ? "ok    " : "FAILED")
                    + " " + finding.message()));
            out.println(verification.passed() ? "verified" : "NOT verified");
        }
        out.flush();
        return verification.passed() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** The verifier verify and promote --require-provenance use. */
    static ReferenceVerification verifier(Path key, String builder, Path lineageFile, StateOption state,
                                          RegistryOptions registryOptions)
            throws BadInputException, IOException, RegistryException {
        Optional<VerificationKey> publicKey = Optional.empty();
        if (key != null) {
            try {
                publicKey = Optional.of(VerificationKey.read(key));
            } catch (KeyFileException e) {
                throw new BadInputException("--key: " + e.getMessage());
            }
        }
        Path lineage = lineageFile != null ? lineageFile
                : state.forGraph(Path.of("").toAbsolutePath()).folder().resolve(JsonLinesLineageStore.FILE_NAME);
        List<LineageRecord> records = Files.exists(lineage) ? new JsonLinesLineageStore(lineage).records() : List.of();
        return new ReferenceVerification(registryOptions.registries(new LocalProcessRunner(), null),
                new AttestationVerifier(publicKey, Optional.ofNullable(builder), records));
    }
}
