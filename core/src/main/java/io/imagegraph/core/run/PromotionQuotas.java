package io.imagegraph.core.run;

import io.imagegraph.core.promote.ImageLocation;
import io.imagegraph.core.promote.PromotionSource;
import io.imagegraph.core.promote.PromotionTarget;
import io.imagegraph.core.quota.Quota;
import io.imagegraph.core.quota.QuotaGuard;
import io.imagegraph.core.quota.StorageUsage;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.track.TagHistory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a promotion adds to each target repository, set against the quotas before any tag moves. */
final class PromotionQuotas {

    private PromotionQuotas() {
    }

    static Map<String, String> refusing(List<Quota> quotas, Registries registries, List<PromotionSource> sources,
                                        PromotionTarget target, TagHistory history)
            throws RegistryException, InterruptedException, IOException {
        if (quotas.isEmpty()) {
            return Map.of();
        }
        StorageUsage storage = new StorageUsage(registries);
        List<QuotaGuard.Addition> additions = new ArrayList<>();
        for (PromotionSource source : sources) {
            ImageLocation to = target.locationFor(source.from());
            additions.add(new QuotaGuard.Addition(source.image(), to.toString(), Set.copyOf(target.tags()),
                    storage.blobsOf(registries.named(source.from().registry()), source.from().repository(),
                            source.tested())));
        }
        return new QuotaGuard(quotas, storage).refusing(additions, history.repositories().keySet());
    }
}
