package io.imagegraph.core.provenance;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.ImageRef;
import io.imagegraph.core.ref.InvalidReferenceException;
import io.imagegraph.core.registry.ManifestDescriptor;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.registry.RegistryException;
import java.util.List;
import java.util.Optional;

/**
 * Verifies an image named as users name it ({@code registry/repository:tag} or {@code @sha256:…}):
 * the tag is resolved to its digest first, and the attestations of that digest are checked.
 */
public final class ReferenceVerification {

    private final Registries registries;
    private final AttestationVerifier verifier;

    public ReferenceVerification(Registries registries, AttestationVerifier verifier) {
        this.registries = registries;
        this.verifier = verifier;
    }

    public Verification verify(String reference, boolean requireGate) throws RegistryException, InterruptedException {
        ImageRef ref;
        try {
            ref = ImageRef.parse(reference);
        } catch (InvalidReferenceException e) {
            return failed(reference, e.getMessage());
        }
        if (ref.registry().isEmpty()) {
            return failed(reference, "the reference names no registry (write registry/repository:tag)");
        }
        Registry registry = registries.named(ref.registry().get());
        String lookup = ref.digest().map(Digest::toString).orElse(ref.tag().orElse("latest"));
        Optional<ManifestDescriptor> found = registry.head(ref.repository(), lookup);
        if (found.isEmpty()) {
            return failed(reference, registry.name() + " holds no " + ref.repository().value()
                    + (lookup.contains(":") ? "@" : ":") + lookup);
        }
        return verifier.verify(registry, ref.repository(), found.get().digest(), requireGate);
    }

    private static Verification failed(String reference, String why) {
        return new Verification(reference, List.of(new Verification.Finding(false, why)));
    }
}
