package io.imagegraph.core.mutate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MutationTest {

    private static MutationEntry entry(String from, String to) {
        return new MutationEntry(from, to, Map.of("A", "1"), null, null, null, null, null, null);
    }

    @Test
    void withoutTo_theOverriddenImageGoesToTheSameRepository_underADerivedTag() {
        Mutation mutation = Mutation.of(Map.of("prod", entry("quay.io/openstack/keystone:2024.2", null))).get("prod");
        assertThat(mutation.to().toString()).isEqualTo("quay.io/openstack/keystone:2024.2-prod");
    }

    @Test
    void withoutARegistry_isRefused() {
        assertThatThrownBy(() -> Mutation.of("m", entry("quay.io/a/b:1", "acme/b:1")))
                .hasMessageContaining("name the registry");
    }

    @Test
    void fromPinnedByDigest_isRefused_asItCanNeverMove() {
        assertThatThrownBy(() -> Mutation.of("m", entry("quay.io/a/b@sha256:" + "a".repeat(64), "quay.io/a/c:1")))
                .hasMessageContaining("pinned by digest");
    }

    @Test
    void toTheSameTagAsFrom_isRefused() {
        assertThatThrownBy(() -> Mutation.of("m", entry("quay.io/a/b:1", "quay.io/a/b:1")))
                .hasMessageContaining("needs a tag of its own");
    }

    @Test
    void noFrom_orABadName_isRefused() {
        assertThatThrownBy(() -> Mutation.of("m", entry(null, "quay.io/a/b:1"))).hasMessageContaining("has no 'from'");
        assertThatThrownBy(() -> Mutation.of("Prod Env", entry("quay.io/a/b:1", null)))
                .hasMessageContaining("mutation name 'Prod Env'");
        assertThatThrownBy(() -> Mutation.of("m", entry("quay.io/a/B:!", null)))
                .hasMessageContaining("is not an image reference");
    }
}
