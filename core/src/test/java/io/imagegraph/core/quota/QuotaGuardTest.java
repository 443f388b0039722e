package io.imagegraph.core.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.testing.RegistryExtension;
import io.imagegraph.core.testing.TestImages;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Quotas set against a real CNCF registry on loopback. */
class QuotaGuardTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    @Test
    void anAdditionPastATagLimit_isRefused_andOneWithinIsNot() throws Exception {
        String ns = "qg" + Long.toHexString(System.nanoTime());
        TestImages.push(REGISTRY.client(), ns + "/keystone", "1", "keystone 1");
        Manifest next = TestImages.push(REGISTRY.client(), ns + "/keystone", "2", "keystone 2");
        String repository = REGISTRY.host() + "/" + ns + "/keystone";
        QuotaGuard guard = new QuotaGuard(List.of(new QuotaEntry(null, repository, null, 3).quota()),
                new StorageUsage(REGISTRY.registries()));

        Map<String, String> within = guard.refusing(List.of(new QuotaGuard.Addition("keystone", repository,
                Set.of("latest"), next.blobSizes())), List.of());
        assertThat(within).isEmpty();
        Map<String, String> past = guard.refusing(List.of(new QuotaGuard.Addition("keystone", repository,
                Set.of("latest", "2026.2"), next.blobSizes())), List.of());
        assertThat(past).containsOnlyKeys("keystone");
        assertThat(past.get("keystone")).contains("repository " + repository).contains("4 tags of 3")
                .contains("it holds").contains("2 tags of 3");
    }

    @Test
    void aQuotaAlreadyOver_doesNotRefuseWhatAddsNothing() throws Exception {
        String ns = "qg" + Long.toHexString(System.nanoTime());
        Manifest one = TestImages.push(REGISTRY.client(), ns + "/glance", "1", "glance");
        TestImages.push(REGISTRY.client(), ns + "/glance", "2", "glance 2");
        String repository = REGISTRY.host() + "/" + ns + "/glance";
        QuotaGuard guard = new QuotaGuard(List.of(new QuotaEntry(null, repository, null, 1).quota()),
                new StorageUsage(REGISTRY.registries()));
        assertThat(guard.refusing(List.of(new QuotaGuard.Addition("glance", repository, Set.of("1"),
                one.blobSizes())), List.of())).isEmpty();
    }
}
