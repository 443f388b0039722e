package io.imagegraph.core.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuotaTest {

    @Test
    void aNamespaceQuota_coversTheRepositoriesUnderIt() {
        Quota quota = new QuotaEntry("quay.io/acme", null, "2GiB", 100).quota();
        assertThat(quota.scope()).isEqualTo(Quota.Scope.NAMESPACE);
        assertThat(quota.covers("quay.io/acme/keystone")).isTrue();
        assertThat(quota.covers("quay.io/acme-other/keystone")).isFalse();
        assertThat(quota.registry()).isEqualTo("quay.io");
        assertThat(quota.bytes()).hasValue(2L << 30);
    }

    @Test
    void aRepositoryQuota_coversThatRepositoryAlone() {
        Quota quota = new QuotaEntry(null, "quay.io/acme/keystone", null, 20).quota();
        assertThat(quota.covers("quay.io/acme/keystone")).isTrue();
        assertThat(quota.covers("quay.io/acme/keystone/sub")).isFalse();
        assertThat(quota.bytes()).isEmpty();
    }

    @Test
    void bothOrNeitherName_noLimit_orABadName_areRefused() {
        assertThatThrownBy(() -> new QuotaEntry("quay.io/a", "quay.io/a/b", "1GB", null))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> new QuotaEntry(null, null, "1GB", null)).hasMessageContaining("not neither");
        assertThatThrownBy(() -> new QuotaEntry("quay.io/a", null, null, null)).hasMessageContaining("sets no limit");
        assertThatThrownBy(() -> new QuotaEntry("acme", null, "1GB", null)).hasMessageContaining("write registry/path");
        assertThatThrownBy(() -> new QuotaEntry("quay.io/a", null, null, -1)).hasMessageContaining("0 or more");
    }
}
