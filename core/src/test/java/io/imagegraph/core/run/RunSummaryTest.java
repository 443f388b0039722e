package io.imagegraph.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.gate.SmokeStatus;
import io.imagegraph.core.promote.PromotionReport;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    @Test
    void ofBuild_countsEachStatusOfTheSelectedImages() {
        assertThat(RunSummary.ofBuild(RunFixtures.build())).isEqualTo("3 images: 1 built, 1 reused, 1 failed");
    }

    @Test
    void ofGate_passed_countsTestedAndUntested() {
        assertThat(RunSummary.ofGate(RunFixtures.gate(SmokeStatus.PASSED)))
                .isEqualTo("smoke tests passed: 1 image, 1 untested");
    }

    @Test
    void ofGate_failed_namesTheFailedImages() {
        assertThat(RunSummary.ofGate(RunFixtures.gate(SmokeStatus.FAILED)))
                .isEqualTo("smoke tests failed: 1 of 2 images failed (app)");
    }

    @Test
    void ofPromotion_countsMoves_andSaysDryRun() {
        assertThat(RunSummary.ofPromotion(RunFixtures.promotion(false))).isEqualTo("promoted: 1 tag moved, 1 tag unchanged");
        assertThat(RunSummary.ofPromotion(RunFixtures.promotion(true)))
                .isEqualTo("promotion (dry run): 1 tag unchanged, 1 tag planned");
    }

    @Test
    void ofPromotion_refused_givesTheRefusals() {
        PromotionReport refused = new PromotionReport(false, false, List.of("app failed its smoke tests"), null, List.of());
        assertThat(RunSummary.ofPromotion(refused)).isEqualTo("promotion refused: app failed its smoke tests");
    }

    @Test
    void ofPromotion_failed_givesTheFailure() {
        PromotionReport failed = new PromotionReport(false, false, List.of(), "the registry refused the PUT", List.of());
        assertThat(RunSummary.ofPromotion(failed))
                .isEqualTo("promotion failed: nothing to move (the registry refused the PUT)");
    }

    @Test
    void ofPromotion_withPendingTags_namesThemAndHowTheyAreFinished() {
        io.imagegraph.core.promote.ImageLocation to = new io.imagegraph.core.promote.ImageLocation("127.0.0.1:5000",
                io.imagegraph.core.ref.RepositoryName.of("acme/app"));
        io.imagegraph.core.ref.Digest digest = io.imagegraph.core.ref.Digest.of(RunFixtures.APP_DIGEST);
        PromotionReport pending = new PromotionReport(false, false, List.of(), "the registry stopped", List.of(
                new io.imagegraph.core.promote.MoveResult("app", to, "latest", Optional.empty(), digest,
                        io.imagegraph.core.promote.MoveStatus.PENDING, "not known"),
                new io.imagegraph.core.promote.MoveResult("app", to, "2026.2", Optional.empty(), digest,
                        io.imagegraph.core.promote.MoveStatus.NOT_MOVED, "not tried")));
        assertThat(RunSummary.ofPromotion(pending)).startsWith("promotion failed: 1 tag not moved, 1 tag pending")
                .contains("Not promoted, and not settled: pending 127.0.0.1:5000/acme/app:latest; new none; old"
                        + " 127.0.0.1:5000/acme/app:2026.2.").contains("imagegraph promote --recover");
    }

    @Test
    void lines_haveOneLineForEachStepThatRan() {
        assertThat(RunSummary.lines(RunFixtures.build(), Optional.empty(), Optional.empty())).hasSize(1);
        assertThat(RunSummary.lines(RunFixtures.build(), Optional.of(RunFixtures.gate(SmokeStatus.PASSED)),
                Optional.of(RunFixtures.promotion(false)))).hasSize(3);
    }
}
