package io.imagegraph.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogQueryTest {

    private static CatalogEntry entry(String repository, boolean held, boolean deployed) {
        return new CatalogEntry("127.0.0.1:5000", repository, "1", "sha256:" + "a".repeat(64), Optional.empty(),
                false, false, held ? Optional.of("CVE-1") : Optional.empty(), deployed ? List.of("prod") : List.of(),
                false, Optional.empty());
    }

    @Test
    void heldAndDeployed_asAQueryGivesThem_keepOnlyWhatIsBoth() {
        CatalogQuery query = CatalogQuery.parse("true", "on", null);

        assertThat(query.problem()).isEmpty();
        assertThat(query.filter().admits(entry("acme/app", true, true))).isTrue();
        assertThat(query.filter().admits(entry("acme/app", true, false))).isFalse();
        assertThat(query.filter().admits(entry("acme/app", false, true))).isFalse();
    }

    @Test
    void nothingGiven_admitsEverything() {
        CatalogQuery query = CatalogQuery.parse(null, "", "  ");

        assertThat(query.filter()).isEqualTo(CatalogFilter.all());
        assertThat(query.repository()).isEmpty();
    }

    @Test
    void repository_isARegularExpression_onTheRepositoryOrRegistryAndRepository() {
        CatalogQuery query = CatalogQuery.parse("false", null, "^acme/(base|app)$");

        assertThat(query.filter().admits(entry("acme/base", false, false))).isTrue();
        assertThat(query.filter().admits(entry("acme/tools", false, false))).isFalse();
        assertThat(CatalogQuery.parse(null, null, "^127\\.0\\.0\\.1:5000/acme/").filter()
                .admits(entry("acme/tools", false, false))).isTrue();
    }

    @Test
    void aRepositoryThatIsNotARegularExpression_filtersNothing_andSaysWhy() {
        CatalogQuery query = CatalogQuery.parse(null, null, "acme/(base");

        assertThat(query.filter()).isEqualTo(CatalogFilter.all());
        assertThat(query.problem()).get().asString()
                .startsWith("repository 'acme/(base' is not a regular expression (")
                .endsWith("), so every repository is shown");
    }
}
