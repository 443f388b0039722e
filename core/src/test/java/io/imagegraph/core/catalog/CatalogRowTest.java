package io.imagegraph.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogRowTest {

    private static final String BASE = "sha256:" + "b".repeat(64);
    private static final String APP = "sha256:" + "a".repeat(64);
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private static final Catalog CATALOG = new Catalog(List.of(), List.of(
            new CatalogEntry("r:5000", "acme/base", "latest", BASE, Optional.of("2026-11-29T11:00:00Z"), true, true,
                    Optional.of("CVE-2026-1"), List.of("prod", "staging"), true, Optional.of("run-7")),
            new CatalogEntry("r:5000", "acme/app", "test", APP, Optional.of("2026-12-02T11:30:00Z"), false, false,
                    Optional.empty(), List.of(), false, Optional.empty())), List.of());

    @Test
    void rows_sayWhatIsKnown_andLinkTheBuild_byRunElseByDigest() {
        List<CatalogRow> rows = CatalogRow.of(CATALOG, CatalogFilter.all(),
                Map.of("run-7", "job/images/7/"), Map.of(APP, "job/images/9/", BASE, "job/other/1/"), NOW);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).facts()).containsExactly("promoted", "tested", "held: CVE-2026-1",
                "deployed: prod, staging", "attested");
        assertThat(rows.get(0).age()).isEqualTo("3d");
        assertThat(rows.get(0).producedBy()).contains("job/images/7/");
        assertThat(rows.get(1).facts()).isEmpty();
        assertThat(rows.get(1).age()).isEqualTo("30m");
        assertThat(rows.get(1).producedBy()).contains("job/images/9/");
    }

    @Test
    void rows_keepOnlyWhatTheFilterAdmits_andAnUnknownBuildIsNone() {
        List<CatalogRow> held = CatalogRow.of(CATALOG, new CatalogFilter(true, false, Optional.empty()), Map.of(),
                Map.of(), NOW);

        assertThat(held).extracting(row -> row.entry().repository()).containsExactly("acme/base");
        assertThat(held.get(0).producedBy()).isEmpty();
    }

    @Test
    void age_isTheLargestWholeUnit() {
        assertThat(CatalogRow.age(Duration.ofHours(49))).isEqualTo("2d");
        assertThat(CatalogRow.age(Duration.ofMinutes(125))).isEqualTo("2h");
        assertThat(CatalogRow.age(Duration.ofSeconds(-5))).isEqualTo("0m");
    }
}
