package io.imagegraph.core.pipeline;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.GitSource;
import io.imagegraph.core.gate.GateReport;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.provenance.AttestationPublisher;
import io.imagegraph.core.provenance.Attested;
import io.imagegraph.core.provenance.BuildAttestations;
import io.imagegraph.core.provenance.GateAttestations;
import io.imagegraph.core.provenance.SigningKey;
import io.imagegraph.core.registry.Registries;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * How a step signs what it pushes, as {@code imagegraph build --sign-key} and {@code test
 * --sign-key} do: a provenance attestation beside every image the build pushed, a gate
 * attestation beside every tested one, each signed with the key (in Jenkins a file credential,
 * never on disk longer than the step, never in argv or a log).
 *
 * @param key       the private key
 * @param builderId who built, as the attestations name it (the Jenkins build's URL)
 * @param version   image-graph's version
 */
public record StepSigning(SigningKey key, String builderId, String version) {

    /** The provenance attestations of the images the run built and pushed. */
    public List<Attested> attestBuild(Registries registries, BuildReport report, List<LineageRecord> lineage,
                                      ImageGraph graph, List<String> selection, List<String> tags, ProcessRunner runner,
                                      Clock clock) throws InterruptedException {
        Optional<String> graphFile = Optional.of(graph.graphFileName())
                .filter(name -> Files.exists(graph.root().resolve(name)));
        BuildAttestations.Invocation invocation = new BuildAttestations.Invocation(builderId, version, graphFile,
                selection, tags, new GitSource(runner).url(graph.root()));
        return new BuildAttestations(registries, new AttestationPublisher(key, clock)).attest(report, lineage,
                invocation);
    }

    /** The gate attestations of the images the smoke tests ran against. */
    public List<Attested> attestGate(Registries registries, GateReport report, Clock clock)
            throws InterruptedException {
        return new GateAttestations(registries, new AttestationPublisher(key, clock), clock).attest(report);
    }

    /** Why the step fails when an attestation was not pushed; empty when every one was. */
    public static Optional<String> problem(List<Attested> attested) {
        List<String> missing = attested.stream().filter(result -> !result.pushed()).map(Attested::line).toList();
        return missing.isEmpty() ? Optional.empty() : Optional.of(missing.size() + " of " + attested.size()
                + " attestations were not pushed (the images are pushed, unsigned): " + String.join("; ", missing));
    }
}
