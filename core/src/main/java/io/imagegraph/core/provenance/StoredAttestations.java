package io.imagegraph.core.provenance;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.registry.RegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The attestations (DSSE artifacts) that refer to an image in a registry, read back with their
 * envelopes; and copied, with the same digests, to another repository or registry.
 */
public final class StoredAttestations {

    private StoredAttestations() {
    }

    /** Every DSSE referrer of {@code subject}; one whose manifest or envelope is gone is left out. */
    public static List<AttestationArtifact> of(Registry registry, RepositoryName repository, Digest subject)
            throws RegistryException, InterruptedException {
        List<AttestationArtifact> found = new ArrayList<>();
        for (Referrer referrer : new Referrers(registry).of(repository, subject)) {
            if (!referrer.artifactType().equals(DsseEnvelope.MEDIA_TYPE)) {
                continue;
            }
            Optional<Manifest> manifest = registry.manifest(repository, referrer.digest().toString());
            if (manifest.isEmpty() || manifest.get().blobs().size() < 2) {
                continue;
            }
            Digest layer = manifest.get().blobs().get(1);
            byte[] envelope = registry.blob(repository, layer);
            found.add(new AttestationArtifact(manifest.get(), envelope, referrer));
        }
        return found;
    }

    /**
     * Copies every attestation of {@code subject} from one repository to another (which already
     * holds the image): the envelopes and manifests keep their digests, and the target's referrers
     * list them. Returns how many were copied.
     */
    public static int copy(Registry from, RepositoryName fromRepository, Registry to, RepositoryName toRepository,
                           Digest subject) throws RegistryException, InterruptedException {
        List<AttestationArtifact> artifacts = of(from, fromRepository, subject);
        for (AttestationArtifact artifact : artifacts) {
            AttestationPublisher.push(to, toRepository, subject, artifact);
        }
        return artifacts.size();
    }
}
