package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.graph.GraphLoadResult;
import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.plan.ChangeSet;
import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.plan.Planner;
import io.imagegraph.core.plan.Selection;
import io.imagegraph.core.testing.GraphFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a plan says a build would refresh, from lineage records of known times. */
class PlanFreshnessTest {

    private static final Instant NOW = Instant.parse("2026-12-02T03:00:00Z");

    @TempDir
    Path dir;

    private Plan plan(String graphFile, Optional<ChangeSet> changes) throws Exception {
        GraphFixture fixture = new GraphFixture(dir).graphFile(graphFile)
                .image("base", "FROM scratch\nCOPY base.txt /base.txt\n").file("images/base/base.txt", "base\n")
                .image("leaf", "FROM base\nCOPY leaf.txt /leaf.txt\n").file("images/leaf/leaf.txt", "leaf\n");
        if (changes.isPresent()) {
            fixture.image("sibling", "FROM base\nCOPY sibling.txt /s.txt\n").file("images/sibling/sibling.txt", "s\n");
        }
        GraphLoadResult result = fixture.load();
        return Planner.plan(result.graph().orElseThrow(), result.warnings(), Selection.all(), changes);
    }

    private static LineageRecord built(Plan plan, String image, String status, Duration ago) {
        String input = plan.images().stream().filter(i -> i.name().equals(image)).findFirst().orElseThrow()
                .inputDigest().toString();
        return new LineageRecord(image, status, "sha256:" + "a".repeat(64), "t/" + image, input, List.of(), List.of(),
                null, NOW.minus(ago).toString(), "run-1", 1000);
    }

    @Test
    void anImageBuiltLongerAgoThanItsFreshness_isRefreshed_withTheReportsReason() throws Exception {
        Plan plan = plan("freshness: 24h\n", Optional.empty());
        Map<String, String> reasons = PlanFreshness.reasons(plan, List.of(built(plan, "base", "built", Duration.ofHours(31)),
                built(plan, "leaf", "built", Duration.ofHours(2))), Optional.empty(), NOW);
        assertThat(reasons).containsExactly(Map.entry("base", "last built 31 h ago, freshness 24 h"),
                Map.entry("leaf", "its parent base is refreshed"));
    }

    @Test
    void anImageBuiltWithinItsFreshness_isNotRefreshed() throws Exception {
        Plan plan = plan("freshness: 24h\n", Optional.empty());
        assertThat(PlanFreshness.reasons(plan, List.of(built(plan, "base", "unchanged", Duration.ofHours(23)),
                built(plan, "leaf", "built", Duration.ofHours(23))), Optional.empty(), NOW)).isEmpty();
    }

    @Test
    void refreshOlderThan_winsOverTheGraphFile_andWorksWithoutOne() throws Exception {
        Plan plan = plan("namespace: t\n", Optional.empty());
        List<LineageRecord> records = List.of(built(plan, "base", "built", Duration.ofHours(3)),
                built(plan, "leaf", "built", Duration.ofHours(1)));
        assertThat(PlanFreshness.reasons(plan, records, Optional.empty(), NOW)).isEmpty();
        assertThat(PlanFreshness.reasons(plan, records, Optional.of(Duration.ofHours(2)), NOW))
                .containsEntry("base", "last built 3 h ago, freshness 2 h");
    }

    @Test
    void anOldBuildOfAnotherInputDigest_orAFailedOne_doesNotCount() throws Exception {
        Plan plan = plan("freshness: 24h\n", Optional.empty());
        LineageRecord other = new LineageRecord("base", "built", "sha256:" + "b".repeat(64), "t/base",
                "sha256:" + "c".repeat(64), List.of(), List.of(), null, NOW.minus(Duration.ofDays(3)).toString(), "run-0", 1);
        assertThat(PlanFreshness.reasons(plan, List.of(other, built(plan, "base", "failed", Duration.ofDays(2))),
                Optional.empty(), NOW)).isEmpty();
    }

    @Test
    void anImageTheRunDoesNotNeed_isNotListed_butAnAncestorItNeedsIs() throws Exception {
        Plan leafOnly = plan("freshness: 24h\n", Optional.of(new ChangeSet("--changed", List.of("images/leaf/leaf.txt"))));
        List<LineageRecord> old = List.of(built(leafOnly, "base", "built", Duration.ofHours(40)),
                built(leafOnly, "leaf", "built", Duration.ofHours(40)),
                built(leafOnly, "sibling", "built", Duration.ofHours(40)));
        // leaf is to build and needs base, so base is in the run and refreshed; sibling is not in the run
        assertThat(leafOnly.toBuild()).containsExactly("leaf");
        assertThat(PlanFreshness.reasons(leafOnly, old, Optional.empty(), NOW)).containsOnlyKeys("base", "leaf");
    }
}
