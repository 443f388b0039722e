package io.imagegraph.core.mutate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.ref.ImageRef;
import io.imagegraph.core.ref.InvalidReferenceException;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.track.ImageContract;
import java.io.IOException;
import java.util.Optional;

/**
 * An image's contract as it runs (after any overrides), and, when {@code imagegraph mutate} made
 * it, the mutation's name and the contract of the upstream image it overrides (found through the
 * labels the mutation wrote: the base's name and exact digest).
 *
 * @param effective the contract of the image itself
 * @param mutation  the mutation that made it, if one did
 * @param upstream  the contract of the image it overrides, if it is an overridden one
 */
public record OverriddenImage(ImageContract effective, Optional<String> mutation, Optional<ImageContract> upstream) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The contract under the overrides: the upstream's for an overridden image, else the image's own. */
    public ImageContract underlying() {
        return upstream.orElse(effective);
    }

    public static OverriddenImage read(Registries registries, ImageRef ref, String os, String architecture)
            throws RegistryException, InterruptedException {
        String reference = ref.digest().map(Object::toString).orElse(ref.tag().orElse("latest"));
        byte[] config = ImageContract.readConfig(registries.named(ref.registry().orElseThrow()), ref.repository(),
                reference, os, architecture);
        try {
            ImageContract effective = ImageContract.ofConfig(config);
            JsonNode labels = JSON.readTree(config).path("config").path("Labels");
            String mutation = labels.path(ImageMutator.MUTATION).asText("");
            String baseName = labels.path(ImageMutator.BASE_NAME).asText("");
            String baseDigest = labels.path(ImageMutator.BASE_DIGEST).asText("");
            if (mutation.isEmpty() || baseName.isEmpty() || baseDigest.isEmpty()) {
                return new OverriddenImage(effective, Optional.empty(), Optional.empty());
            }
            ImageRef base = ImageRef.parse(baseName);
            ImageContract upstream = ImageContract.read(registries.named(base.registry().orElseThrow()),
                    base.repository(), baseDigest, os, architecture);
            return new OverriddenImage(effective, Optional.of(mutation), Optional.of(upstream));
        } catch (IOException e) {
            throw RegistryException.of("read the config of " + ref, ref.registry().orElseThrow(),
                    "the config is not JSON");
        } catch (InvalidReferenceException | java.util.NoSuchElementException e) {
            return new OverriddenImage(contract(config), Optional.empty(), Optional.empty());
        }
    }

    private static ImageContract contract(byte[] config) throws RegistryException {
        try {
            return ImageContract.ofConfig(config);
        } catch (IOException e) {
            throw RegistryException.of("read an image config", "-", "the config is not JSON");
        }
    }
}
