package io.imagegraph.core.provenance;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.ImageResult;
import io.imagegraph.core.build.ImageStatus;
import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.registry.ManifestDescriptor;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.registry.RegistryException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Signs and pushes a provenance statement beside every image a run built and pushed, from the
 * build report and the run's lineage records (parents, external bases, source revision, input
 * digest). Images built only locally, and images reused from an earlier run (attested then), get
 * none. A registry that refuses is reported per image; the images stay as they are.
 */
public final class BuildAttestations {

    /**
     * Who built and what was asked for, the same for every image of the run.
     *
     * @param builderId        the builder's URI ({@link BuildProvenance#CLI_BUILDER} or the Jenkins build's URL)
     * @param version          image-graph's version
     * @param graphFile        the graph file, when there is one
     * @param selection        the images asked for
     * @param tags             the tags asked for
     * @param sourceRepository the source repository's URL, when known
     */
    public record Invocation(String builderId, String version, Optional<String> graphFile, List<String> selection,
                             List<String> tags, Optional<String> sourceRepository) {

        public Invocation {
            selection = List.copyOf(selection);
            tags = List.copyOf(tags);
        }
    }

    private final Registries registries;
    private final AttestationPublisher publisher;

    public BuildAttestations(Registries registries, AttestationPublisher publisher) {
        this.registries = registries;
        this.publisher = publisher;
    }

    public List<Attested> attest(BuildReport report, List<LineageRecord> lineage, Invocation invocation)
            throws InterruptedException {
        List<Attested> results = new ArrayList<>();
        for (ImageResult image : report.images()) {
            if (image.status() != ImageStatus.BUILT) {
                continue;
            }
            Optional<ImageAddress> address = ImageAddress.of(image.tags(), image.digest());
            if (address.isEmpty()) {
                continue;
            }
            Optional<LineageRecord> record = lineage.stream().filter(r -> r.runId().equals(report.runId())
                    && r.image().equals(image.name())).reduce((first, second) -> second);
            Instant finished = record.map(r -> Instant.parse(r.time())).orElse(report.finished());
            BuildProvenance provenance = new BuildProvenance(image.name(), address.get().name(), address.get().digest(),
                    invocation.builderId(), invocation.version(), invocation.graphFile(), invocation.selection(),
                    invocation.tags(), invocation.sourceRepository(), record.map(LineageRecord::sourceRevision),
                    record.map(r -> r.parents().stream().map(p -> new BuildProvenance.NamedDigest(p.name(), p.digest()))
                            .toList()).orElse(List.of()),
                    record.map(LineageRecord::externalBases).orElse(List.of()), image.inputDigest(), report.runId(),
                    finished.minus(image.duration()), finished);
            results.add(push(image.name(), address.get(), provenance.statement(), BuildProvenance.PREDICATE_TYPE,
                    "provenance"));
        }
        return results;
    }

    private Attested push(String image, ImageAddress address, byte[] statement, String predicateType, String kind)
            throws InterruptedException {
        try {
            Registry registry = registries.named(address.registry());
            Optional<ManifestDescriptor> subject = registry.head(address.repository(), address.digest().toString());
            if (subject.isEmpty()) {
                return new Attested(image, address.toString(), kind, Optional.empty(),
                        Optional.of("the registry no longer holds " + address));
            }
            AttestationArtifact artifact = publisher.publish(registry, address.repository(), subject.get(), statement,
                    predicateType);
            return new Attested(image, address.toString(), kind, Optional.of(artifact.manifest().digest().toString()),
                    Optional.empty());
        } catch (RegistryException e) {
            return new Attested(image, address.toString(), kind, Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    /** Signs and pushes the gate's statement beside {@code address} (see {@link GateAttestations}). */
    Attested pushGate(String image, ImageAddress address, GateAttestation gate) throws InterruptedException {
        return push(image, address, gate.statement(), GateAttestation.PREDICATE_TYPE, "gate");
    }
}
