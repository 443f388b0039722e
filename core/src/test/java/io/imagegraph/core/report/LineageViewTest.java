package io.imagegraph.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.gate.GateReport;
import io.imagegraph.core.gate.SmokeResult;
import io.imagegraph.core.gate.SmokeStatus;
import io.imagegraph.core.gate.TestedImage;
import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.promote.ImageLocation;
import io.imagegraph.core.promote.MoveResult;
import io.imagegraph.core.promote.MoveStatus;
import io.imagegraph.core.promote.PromotionReport;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.track.HeldImages;
import io.imagegraph.core.track.HoldEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageViewTest {

    private static final String DEBIAN = ReportFixtures.digest(99);

    private static List<LineageRecord> lineage() {
        return List.of(new LineageRecord("base", "reused", ReportFixtures.digest(1), "x", "i", List.of(),
                List.of("debian:12@" + DEBIAN), null, "t", "run-7", 1));
    }

    @Test
    void of_givesEveryImageItsStatuses_andEdgesFromParentsAndPinnedBases(@TempDir Path dir) {
        GateReport gate = new GateReport("run-7", List.of(new TestedImage("api", "ref", Optional.empty()),
                new TestedImage("web", "ref", Optional.empty())), List.of(
                new SmokeResult("api/version", List.of("api"), SmokeStatus.PASSED, 0, Duration.ofMillis(40), "1.0", "ok"),
                new SmokeResult("web/http", List.of("web"), SmokeStatus.FAILED, 1, Duration.ofMillis(90), "500", "bad")));
        PromotionReport promotion = new PromotionReport(false, true, List.of(), null, List.of(new MoveResult("api",
                new ImageLocation("127.0.0.1:5000", RepositoryName.of("acme/api")), "latest", Optional.empty(),
                Digest.of(ReportFixtures.digest(2)), MoveStatus.MOVED, "moved")));
        LineageView view = LineageView.of(ReportFixtures.family(dir), ReportFixtures.familyRun(), Optional.of(gate),
                Optional.of(promotion), HeldImages.of(Map.of(), List.of()), lineage());
        assertThat(view.node("base").orElseThrow().statuses()).containsExactly(NodeStatus.REUSED);
        assertThat(view.node("api").orElseThrow().statuses()).containsExactly(NodeStatus.PROMOTED, NodeStatus.BUILT);
        assertThat(view.node("web").orElseThrow().statuses()).containsExactly(NodeStatus.GATED, NodeStatus.BUILT);
        assertThat(view.node("worker").orElseThrow().statuses()).containsExactly(NodeStatus.FAILED);
        ReportNode debian = view.node("external:debian:12@" + DEBIAN).orElseThrow();
        assertThat(debian.isExternal()).isTrue();
        assertThat(debian.label()).isEqualTo("debian:12");
        assertThat(view.edges()).contains(new LineageView.Edge("external:debian:12@" + DEBIAN, "base"),
                new LineageView.Edge("base", "api"), new LineageView.Edge("api", "web"));
        assertThat(view.node("web").orElseThrow().details().tests()).singleElement()
                .satisfies(test -> assertThat(test.status()).isEqualTo("failed"));
        assertThat(view.node("api").orElseThrow().details().bases()).containsEntry("base", ReportFixtures.digest(1));
    }

    @Test
    void heldBase_marksTheImagesBuiltOnItHeld(@TempDir Path dir) {
        HeldImages held = HeldImages.of(Map.of(DEBIAN, new HoldEvent(DEBIAN, true, "DSA-1", "t", "sec", "manual")),
                List.of(new LineageRecord("base", "reused", ReportFixtures.digest(1), "x", "i", List.of(),
                        List.of("debian:12@" + DEBIAN), null, "t", "run-7", 1)));
        LineageView view = LineageView.of(ReportFixtures.family(dir), ReportFixtures.familyRun(), Optional.empty(),
                Optional.empty(), held, lineage());
        assertThat(view.node("base").orElseThrow().primary()).isEqualTo(NodeStatus.HELD);
        assertThat(view.node("base").orElseThrow().details().hold()).contains("is held (DSA-1)");
        assertThat(view.node("external:debian:12@" + DEBIAN).orElseThrow().primary()).isEqualTo(NodeStatus.HELD);
    }
}
