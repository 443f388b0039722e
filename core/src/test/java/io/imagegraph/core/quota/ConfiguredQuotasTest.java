package io.imagegraph.core.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfiguredQuotasTest {

    @Test
    void parse_theGraphFilesSyntax_givesTheQuotas() {
        List<Quota> quotas = ConfiguredQuotas.parse("""
                - namespace: quay.io/acme
                  bytes: 2KiB
                  tags: 20
                - repository: quay.io/acme/keystone
                  tags: 3
                """, "the global configuration");
        assertThat(quotas).hasSize(2);
        assertThat(quotas.get(0).scope()).isEqualTo(Quota.Scope.NAMESPACE);
        assertThat(quotas.get(0).bytes()).hasValue(2048);
        assertThat(quotas.get(1).covers("quay.io/acme/keystone")).isTrue();
        assertThat(quotas.get(1).tags()).hasValue(3);
    }

    @Test
    void parse_blank_isNone() {
        assertThat(ConfiguredQuotas.parse("  \n", "x")).isEmpty();
        assertThat(ConfiguredQuotas.parse(null, "x")).isEmpty();
    }

    @Test
    void parse_entryWithoutALimit_saysWhichAndWhere() {
        assertThatThrownBy(() -> ConfiguredQuotas.parse("- namespace: quay.io/acme\n", "the folder 'team-a'"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the quotas of the folder 'team-a': quota for quay.io/acme sets no limit");
    }

    @Test
    void parse_unknownField_isRefused() {
        assertThatThrownBy(() -> ConfiguredQuotas.parse("- namespace: quay.io/acme\n  byte: 1GiB\n", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("the quotas of x: ")
                .hasMessageContaining("byte");
    }

    @Test
    void joined_keepsEveryListInOrder() {
        List<Quota> graph = ConfiguredQuotas.parse("- repository: quay.io/acme/a\n  tags: 1\n", "x");
        List<Quota> configured = ConfiguredQuotas.parse("- namespace: quay.io/acme\n  tags: 9\n", "y");
        assertThat(ConfiguredQuotas.joined(graph, configured)).extracting(Quota::name)
                .containsExactly("quay.io/acme/a", "quay.io/acme");
    }
}
