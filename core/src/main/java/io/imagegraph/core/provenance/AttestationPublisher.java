package io.imagegraph.core.provenance;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.ManifestDescriptor;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.registry.RegistryException;
import java.time.Clock;

/**
 * Signs a statement and pushes it beside the image it is about: the empty config and the envelope
 * as blobs, the artifact manifest by digest, then the referrer (see {@link Referrers}).
 */
public final class AttestationPublisher {

    private final SigningKey key;
    private final Clock clock;

    public AttestationPublisher(SigningKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /** Signs {@code statement} and attaches it to {@code subject} in {@code repository}; returns the artifact. */
    public AttestationArtifact publish(Registry registry, RepositoryName repository, ManifestDescriptor subject,
                                       byte[] statement, String predicateType)
            throws RegistryException, InterruptedException {
        DsseEnvelope envelope = DsseEnvelope.sign(DsseEnvelope.IN_TOTO, statement, key);
        AttestationArtifact artifact = AttestationArtifact.of(subject, envelope, predicateType, clock.instant());
        push(registry, repository, subject.digest(), artifact);
        return artifact;
    }

    /** Pushes an artifact made elsewhere (a copy of another repository's) and lists it as a referrer. */
    static void push(Registry registry, RepositoryName repository, Digest subject, AttestationArtifact artifact)
            throws RegistryException, InterruptedException {
        Digest config = Digest.sha256(AttestationArtifact.EMPTY_CONFIG);
        if (!registry.blobExists(repository, config)) {
            registry.putBlob(repository, config, AttestationArtifact.EMPTY_CONFIG);
        }
        byte[] envelope = artifact.envelope();
        registry.putBlob(repository, Digest.sha256(envelope), envelope);
        new Referrers(registry).attach(repository, subject, artifact.manifest(), artifact.entry());
    }
}
