package io.imagegraph.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogSourcesTest {

    @Test
    void adding_givesEachRegistryTheRepositoriesNamedOnIt_once() {
        List<CatalogSource> sources = List.of(new CatalogSource("quay.io", List.of("acme/base")),
                new CatalogSource("127.0.0.1:5000", List.of()));

        List<CatalogSource> added = CatalogSources.adding(sources, List.of("quay.io/acme/base", "quay.io/acme/app",
                "127.0.0.1:5000/steps/app", "other.io/x/y"));

        assertThat(added).containsExactly(new CatalogSource("quay.io", List.of("acme/base", "acme/app")),
                new CatalogSource("127.0.0.1:5000", List.of("steps/app")));
    }
}
