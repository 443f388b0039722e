package io.imagegraph.core.provenance;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.ImageResult;
import io.imagegraph.core.promote.MoveResult;
import io.imagegraph.core.promote.PromotionReport;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.registry.RegistryException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Provenance around a promotion: before it, every pushed image of the run must carry a verified
 * attestation ({@code --require-provenance}); after it, the attestations follow the digests into
 * the repositories they were promoted to (another namespace or registry), keeping their digests.
 */
public final class PromotionAttestations {

    private final Registries registries;

    public PromotionAttestations(Registries registries) {
        this.registries = registries;
    }

    /** The verification of each image of the run that has a registry digest; an image without one fails. */
    public List<Verification> verify(BuildReport report, AttestationVerifier verifier, boolean requireGate)
            throws RegistryException, InterruptedException {
        List<Verification> verifications = new ArrayList<>();
        for (ImageResult image : report.images()) {
            if (image.digest().isEmpty() && image.tags().isEmpty()) {
                continue;
            }
            Optional<ImageAddress> address = ImageAddress.of(image.tags(), image.digest());
            if (address.isEmpty()) {
                verifications.add(new Verification(image.name(), List.of(new Verification.Finding(false,
                        image.name() + " has no registry digest in the build report, so no attestation to check"))));
                continue;
            }
            verifications.add(verifier.verify(registries.named(address.get().registry()), address.get().repository(),
                    address.get().digest(), requireGate));
        }
        return verifications;
    }

    /**
     * Copies the attestations of every promoted digest into each repository it was promoted to,
     * when that is not the repository it was built in. Returns one line per copy, for the log.
     */
    public List<String> copy(BuildReport build, PromotionReport promotion) throws RegistryException, InterruptedException {
        List<String> lines = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (MoveResult move : promotion.moves()) {
            if (!move.status().isNew()) {
                continue;
            }
            Optional<ImageAddress> from = build.images().stream().filter(image -> image.name().equals(move.image()))
                    .findFirst().flatMap(image -> ImageAddress.of(image.tags(), image.digest()));
            if (from.isEmpty() || from.get().name().equals(move.to().toString())
                    || !done.add(move.to() + "@" + move.after())) {
                continue;
            }
            Registry source = registries.named(from.get().registry());
            Registry target = registries.named(move.to().registry());
            int copied = StoredAttestations.copy(source, from.get().repository(), target, move.to().repository(),
                    move.after());
            if (copied > 0) {
                lines.add(move.image() + ": " + copied + (copied == 1 ? " attestation" : " attestations")
                        + " copied to " + move.to() + "@" + move.after().shortForm());
            }
        }
        return lines;
    }
}
