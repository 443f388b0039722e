package io.imagegraph.core.track;

import io.imagegraph.core.promote.PromotionSource;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.TargetPlatform;
import io.imagegraph.core.registry.ImageIndex;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.RegistryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Holds on one platform of an index: a hold names a digest, and an image index is promoted by its
 * own digest, so a hold on one of its platform manifests (a scanner reports the image it pulled,
 * which is one platform's) would not match. For each image to promote whose tested digest is an
 * index naming a held platform manifest, this adds a hold on the index itself, saying which
 * platform is held and why; through the lineage that also blocks what is built on the index.
 */
public final class IndexHolds {

    private IndexHolds() {
    }

    /** The holds, and a hold on each source index that names a held platform manifest. */
    public static Map<String, HoldEvent> over(Map<String, HoldEvent> holds, List<PromotionSource> sources,
                                              Registries registries) throws RegistryException, InterruptedException {
        Map<String, HoldEvent> all = new LinkedHashMap<>(holds);
        if (holds.isEmpty()) {
            return all;
        }
        for (PromotionSource source : sources) {
            String index = source.tested().toString();
            if (all.containsKey(index)) {
                continue;
            }
            Optional<Manifest> tested = registries.named(source.from().registry())
                    .manifest(source.from().repository(), index);
            if (tested.isEmpty() || !tested.get().isIndex()) {
                continue;
            }
            for (Map.Entry<TargetPlatform, Digest> platform : ImageIndex.platforms(tested.get()).entrySet()) {
                HoldEvent hold = holds.get(platform.getValue().toString());
                if (hold != null) {
                    all.put(index, new HoldEvent(index, true, "its " + platform.getKey() + " manifest "
                            + platform.getValue() + " is held: " + hold.reason(), hold.time(), hold.by(), hold.source()));
                    break;
                }
            }
        }
        return all;
    }
}
