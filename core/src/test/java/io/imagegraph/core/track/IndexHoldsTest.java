package io.imagegraph.core.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.promote.ImageLocation;
import io.imagegraph.core.promote.PromotionSource;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.testing.RegistryExtension;
import io.imagegraph.core.testing.TestImages;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IndexHoldsTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    private static HoldEvent hold(String digest, String reason) {
        return new HoldEvent(digest, true, reason, "2026-12-01T00:00:00Z", "ops", "manual");
    }

    private PromotionSource source(String image, String repository, Manifest tested) {
        return new PromotionSource(image, new ImageLocation(REGISTRY.host(), RepositoryName.of(repository)), "test",
                tested.digest());
    }

    @Test
    void aHoldOnOnePlatform_holdsTheIndexNamingIt_andHoldsOnNothingElse() throws Exception {
        String repository = RegistryExtension.unique("holds", "app");
        Manifest index = TestImages.pushIndex(REGISTRY.client(), repository, "test", "held platform");
        String arm64 = index.childFor("linux", "arm64").orElseThrow().toString();
        Manifest other = TestImages.push(REGISTRY.client(), repository + "-other", "test", "single");
        Map<String, HoldEvent> holds = IndexHolds.over(Map.of(arm64, hold(arm64, "CVE-2026-0002")),
                List.of(source("app", repository, index), source("other", repository + "-other", other)),
                REGISTRY.registries());
        assertThat(holds).containsOnlyKeys(arm64, index.digest().toString());
        assertThat(holds.get(index.digest().toString()).reason())
                .isEqualTo("its linux/arm64 manifest " + arm64 + " is held: CVE-2026-0002");
        assertThat(HeldImages.of(holds, List.of()).refusing(List.of(source("app", repository, index))))
                .containsKey("app");
    }

    @Test
    void withoutHolds_nothingIsRead() throws Exception {
        String repository = RegistryExtension.unique("holds", "none");
        Manifest index = TestImages.pushIndex(REGISTRY.client(), repository, "test", "free");
        assertThat(IndexHolds.over(Map.of(), List.of(source("app", repository, index)), REGISTRY.registries())).isEmpty();
    }
}
