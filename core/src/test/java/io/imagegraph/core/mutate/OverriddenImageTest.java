package io.imagegraph.core.mutate;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.ref.ImageRef;
import io.imagegraph.core.testing.RegistryExtension;
import io.imagegraph.core.testing.TestImages;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OverriddenImageTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    @Test
    void anOverriddenImage_namesItsMutation_andItsUpstreamsContract() throws Exception {
        String upstream = RegistryExtension.unique("oi", "keystone");
        TestImages.push(REGISTRY.client(), upstream, "1", "keystone");
        Mutation mutation = new Mutation("prod", ImageRef.parse(REGISTRY.host() + "/" + upstream + ":1"),
                ImageRef.parse(REGISTRY.host() + "/" + upstream + ":1-prod"),
                new ConfigOverrides(Map.of("LOG_LEVEL", "debug"), List.of("8443"), null, null, null, null, null));
        new ImageMutator(REGISTRY.registries()).apply(mutation, false);

        OverriddenImage image = OverriddenImage.read(REGISTRY.registries(), mutation.to(), "linux", "amd64");
        assertThat(image.mutation()).contains("prod");
        assertThat(image.effective().env()).containsEntry("LOG_LEVEL", "debug");
        assertThat(image.effective().ports()).contains("8443/tcp");
        assertThat(image.upstream()).hasValueSatisfying(contract -> {
            assertThat(contract.env()).doesNotContainKey("LOG_LEVEL");
            assertThat(contract.ports()).isEmpty();
        });
    }

    @Test
    void anImageNoMutationMade_isItsOwnUnderlyingContract() throws Exception {
        String upstream = RegistryExtension.unique("oi", "glance");
        TestImages.push(REGISTRY.client(), upstream, "1", "glance");
        OverriddenImage image = OverriddenImage.read(REGISTRY.registries(),
                ImageRef.parse(REGISTRY.host() + "/" + upstream + ":1"), "linux", "amd64");
        assertThat(image.mutation()).isEmpty();
        assertThat(image.underlying()).isEqualTo(image.effective());
    }
}
