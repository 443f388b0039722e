package io.imagegraph.core.provenance;

import io.imagegraph.core.gate.GateReport;
import io.imagegraph.core.gate.GateVerdict;
import io.imagegraph.core.gate.SmokeResult;
import io.imagegraph.core.gate.TestedImage;
import io.imagegraph.core.registry.Registries;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signs and pushes the gate's verdict beside every image the smoke tests ran against by registry
 * digest: the tests that name it, their results, and the digest they tested.
 */
public final class GateAttestations {

    private final BuildAttestations pusher;
    private final Clock clock;

    public GateAttestations(Registries registries, AttestationPublisher publisher, Clock clock) {
        this.pusher = new BuildAttestations(registries, publisher);
        this.clock = clock;
    }

    public List<Attested> attest(GateReport report) throws InterruptedException {
        List<Attested> results = new ArrayList<>();
        Map<String, GateVerdict> verdicts = report.verdicts();
        for (TestedImage image : report.images()) {
            Optional<ImageAddress> address = ImageAddress.of(List.of(image.reference()), image.digest());
            if (address.isEmpty()) {
                continue;
            }
            List<SmokeResult> tests = report.results().stream().filter(r -> r.images().contains(image.image())).toList();
            GateAttestation gate = new GateAttestation(image.image(), address.get().name(), address.get().digest(),
                    report.runId(), verdicts.getOrDefault(image.image(), GateVerdict.UNTESTED), tests, clock.instant());
            results.add(pusher.pushGate(image.image(), address.get(), gate));
        }
        return results;
    }
}
