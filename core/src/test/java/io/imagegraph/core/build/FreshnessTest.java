package io.imagegraph.core.build;

import static io.imagegraph.core.build.FamilyBuild.byName;
import static io.imagegraph.core.build.FamilyBuild.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Images rebuilt because they are older than their freshness ({@link FamilyBuild}). */
class FreshnessTest {

    @RegisterExtension
    final FamilyBuild family = new FamilyBuild();

    @Test
    void freshness_anImageLastBuiltLongerAgo_isRebuiltWithItsChildren_andTheReasonSaysSo() throws Exception {
        family.fixture.graphFile("namespace: fr" + Long.toHexString(System.nanoTime()) + "\nfreshness: 24h\n");
        BuildReport first = family.build(Optional.empty(), false);
        assertThat(statuses(first).values()).containsOnly(ImageStatus.BUILT);
        family.clock = Clock.offset(Clock.systemUTC(), Duration.ofHours(12));
        assertThat(statuses(family.build(Optional.empty(), false)).values()).containsOnly(ImageStatus.REUSED);
        family.clock = Clock.offset(Clock.systemUTC(), Duration.ofHours(31));
        BuildReport refreshed = family.build(Optional.empty(), false);
        assertThat(statuses(refreshed).values()).containsOnly(ImageStatus.BUILT);
        assertThat(byName(refreshed).get("base").reason()).isEqualTo("built: last built 31 h ago, freshness 24 h");
        // mid and leaf are as old as base: their own freshness is the reason
        assertThat(byName(refreshed).get("mid").reason()).isEqualTo("built: last built 31 h ago, freshness 24 h");
        assertThat(byName(refreshed).get("leaf").reason()).isEqualTo("built: last built 31 h ago, freshness 24 h");
        assertThat(statuses(family.build(Optional.empty(), false)).values()).containsOnly(ImageStatus.REUSED);
    }

    @Test
    void refreshOlderThan_overridesTheGraphFile() throws Exception {
        family.build(Optional.empty(), false);
        family.clock = Clock.offset(Clock.systemUTC(), Duration.ofHours(3));
        family.refreshOlderThan = Optional.of(Duration.ofHours(2));
        BuildReport refreshed = family.build(Optional.empty(), false);
        assertThat(byName(refreshed).get("base").reason()).isEqualTo("built: last built 3 h ago, freshness 2 h");
    }
}
