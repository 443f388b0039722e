package io.imagegraph.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.gate.GateVerdict;
import io.imagegraph.core.gate.SmokeResult;
import io.imagegraph.core.gate.SmokeStatus;
import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.DistributionRegistry;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.testing.RegistryExtension;
import io.imagegraph.core.testing.TestImages;
import io.imagegraph.core.testing.TestKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Attestations pushed to the real CNCF distribution registry (no referrers API: the tag schema) and checked. */
class AttestationVerifierTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    private DistributionRegistry registry;
    private TestKeys.Pair keys;
    private AttestationPublisher publisher;
    private RepositoryName repository;
    private Manifest base;
    private Manifest child;

    @BeforeEach
    void pushTwoImages() throws Exception {
        registry = REGISTRY.client();
        keys = TestKeys.ecdsa(dir, "ci");
        publisher = new AttestationPublisher(SigningKey.read(keys.privateKey()), Clock.fixed(START, ZoneOffset.UTC));
        repository = RepositoryName.of(RegistryExtension.unique("attest", "images"));
        base = TestImages.push(registry, repository.value(), "base-test", "base");
        child = TestImages.push(registry, repository.value(), "child-test", "child");
    }

    private void attest(Manifest image, String name, List<BuildProvenance.NamedDigest> parents) throws Exception {
        BuildProvenance provenance = new BuildProvenance(name, REGISTRY.host() + "/" + repository.value(),
                image.digest(), BuildProvenance.CLI_BUILDER, "1.0-test", Optional.of("imagegraph.yaml"), List.of(name),
                List.of("test"), Optional.of("https://example.org/images.git"), Optional.of("0123abcd"), parents,
                List.of(), "sha256:" + "1".repeat(64), "run-1", START, START.plusSeconds(30));
        publisher.publish(registry, repository, image.descriptor(), provenance.statement(), BuildProvenance.PREDICATE_TYPE);
        GateAttestation gate = new GateAttestation(name, REGISTRY.host() + "/" + repository.value(), image.digest(),
                "run-1", GateVerdict.PASSED, List.of(new SmokeResult("smoke/run.sh", List.of(name), SmokeStatus.PASSED, 0,
                Duration.ofSeconds(2), "", "passed")), START.plusSeconds(60));
        publisher.publish(registry, repository, image.descriptor(), gate.statement(), GateAttestation.PREDICATE_TYPE);
    }

    private List<LineageRecord> lineage() {
        return List.of(new LineageRecord("child", "built", child.digest().toString(), repository.value(), "sha256:x",
                List.of(new LineageRecord.ParentDigest("base", base.digest().toString())), List.of(), "0123abcd",
                START.toString(), "run-1", 1000));
    }

    private Verification verify(Path publicKey, boolean requireGate) throws Exception {
        return new AttestationVerifier(Optional.of(VerificationKey.read(publicKey)), Optional.empty(), lineage())
                .verify(registry, repository, child.digest(), requireGate);
    }

    @Test
    void builtAndTestedImage_hasTwoAttestationsFoundThroughTheTagSchema() throws Exception {
        attest(child, "child", List.of(new BuildProvenance.NamedDigest("base", base.digest().toString())));

        Referrers referrers = new Referrers(registry);
        assertThat(referrers.hasApi(repository, child.digest())).isFalse();
        assertThat(registry.manifest(repository, Referrers.fallbackTag(child.digest()))).get()
                .extracting(Manifest::isIndex).isEqualTo(true);
        assertThat(referrers.of(repository, child.digest())).extracting(Referrer::predicateType)
                .containsExactly(BuildProvenance.PREDICATE_TYPE, GateAttestation.PREDICATE_TYPE);
        assertThat(referrers.of(repository, base.digest())).isEmpty();
    }

    @Test
    void rightKey_verifies_withGate() throws Exception {
        attest(child, "child", List.of(new BuildProvenance.NamedDigest("base", base.digest().toString())));

        Verification verification = verify(keys.publicKey(), true);

        assertThat(verification.passed()).as(verification.findings().toString()).isTrue();
        assertThat(verification.findings()).extracting(Verification.Finding::message)
                .anyMatch(m -> m.contains("signature verified with sha256:"))
                .anyMatch(m -> m.contains("match the lineage"))
                .anyMatch(m -> m.contains("builder https://image-graph.io/builder/cli (image-graph 1.0-test)"))
                .anyMatch(m -> m.contains("verdict passed after 1 smoke test"));
    }

    @Test
    void anotherKey_doesNotVerify() throws Exception {
        attest(child, "child", List.of(new BuildProvenance.NamedDigest("base", base.digest().toString())));
        TestKeys.Pair other = TestKeys.ecdsa(dir, "other");

        Verification verification = verify(other.publicKey(), false);

        assertThat(verification.passed()).isFalse();
        assertThat(verification.failures()).contains("signature does NOT verify with")
                .contains("no signed provenance attestation of " + child.digest());
    }

    @Test
    void attestationSwappedForOneOfAnotherDigest_doesNotVerify() throws Exception {
        attest(child, "child", List.of(new BuildProvenance.NamedDigest("base", base.digest().toString())));
        attest(base, "base", List.of());
        Referrers referrers = new Referrers(registry);
        List<Referrer> swapped = new ArrayList<>(referrers.of(repository, child.digest()));
        swapped.set(0, referrers.of(repository, base.digest()).get(0));
        registry.putManifest(repository, Referrers.fallbackTag(child.digest()), Referrers.index(swapped));

        Verification verification = verify(keys.publicKey(), false);

        assertThat(verification.passed()).isFalse();
        assertThat(verification.failures()).contains("not this image's " + child.digest());
    }

    @Test
    void parentsThatDifferFromTheLineage_doNotVerify() throws Exception {
        attest(child, "child", List.of(new BuildProvenance.NamedDigest("base", "sha256:" + "9".repeat(64))));

        Verification verification = verify(keys.publicKey(), false);

        assertThat(verification.passed()).isFalse();
        assertThat(verification.failures()).contains("differ from the lineage's {base=" + base.digest() + "}");
    }

    @Test
    void noAttestation_doesNotVerify_andRequiredGateMissing_says() throws Exception {
        Verification verification = verify(keys.publicKey(), true);

        assertThat(verification.passed()).isFalse();
        assertThat(verification.failures()).contains("no signed provenance attestation")
                .contains("no signed gate attestation");
    }

    @Test
    void copy_bringsTheAttestationsToAnotherRepository_withTheirDigests() throws Exception {
        attest(child, "child", List.of(new BuildProvenance.NamedDigest("base", base.digest().toString())));
        RepositoryName release = RepositoryName.of(RegistryExtension.unique("release", "child"));
        for (Digest blob : child.blobs()) {
            registry.mountBlob(repository, release, blob);
        }
        registry.putManifest(release, "1.0", child);

        int copied = StoredAttestations.copy(registry, repository, registry, release, child.digest());

        assertThat(copied).isEqualTo(2);
        assertThat(new Referrers(registry).of(release, child.digest()))
                .isEqualTo(new Referrers(registry).of(repository, child.digest()));
        assertThat(new AttestationVerifier(Optional.of(VerificationKey.read(keys.publicKey())), Optional.empty(), lineage())
                .verify(registry, release, child.digest(), true).passed()).isTrue();
    }
}
