package io.imagegraph.core.promote;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.gate.GateReport;
import io.imagegraph.core.gate.SmokeResult;
import io.imagegraph.core.gate.SmokeStatus;
import io.imagegraph.core.gate.TestedImage;
import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GateBlocksTest {

    private static final String A = "sha256:" + "a".repeat(64);
    private static final String B = "sha256:" + "b".repeat(64);

    private static PromotionSource source(String image, String digest) {
        return new PromotionSource(image, new ImageLocation("quay.io", RepositoryName.of("acme/" + image)), "test",
                Digest.of(digest));
    }

    private static TestedImage tested(String image, String digest) {
        return new TestedImage(image, "quay.io/acme/" + image + "@" + digest, Optional.of(digest));
    }

    private static SmokeResult result(String image, SmokeStatus status) {
        return new SmokeResult(image + "/version", List.of(image), status, status == SmokeStatus.PASSED ? 0 : 1,
                Duration.ZERO, "", status == SmokeStatus.PASSED ? "passed" : "exited with 1: boom");
    }

    private static Map<String, String> blocks(GateReport gate, List<PromotionSource> sources) {
        return GateBlocks.of(Optional.of(gate), "", sources, List.of(), false);
    }

    /** app (at A) was built on base at {@code baseDigest}. */
    private static List<LineageRecord> appBuiltOnBaseAt(String baseDigest) {
        return List.of(new LineageRecord("base", "built", B, "acme/base", "sha256:" + "1".repeat(64), List.of(),
                        List.of(), null, "t", "r", 1),
                new LineageRecord("app", "built", A, "acme/app", "sha256:" + "2".repeat(64),
                        List.of(new LineageRecord.ParentDigest("base", baseDigest)), List.of(), null, "t", "r", 1));
    }

    @Test
    void of_passedImage_isNotBlocked() {
        GateReport gate = new GateReport("r", List.of(tested("app", A)), List.of(result("app", SmokeStatus.PASSED)));
        assertThat(blocks(gate, List.of(source("app", A)))).isEmpty();
    }

    @Test
    void of_untestedImageThatAPassingChildWasBuiltOnAtItsDigest_isCovered() {
        GateReport gate = new GateReport("r", List.of(tested("app", A), tested("base", B)),
                List.of(result("app", SmokeStatus.PASSED)));
        assertThat(GateBlocks.of(Optional.of(gate), "", List.of(source("app", A), source("base", B)),
                appBuiltOnBaseAt(B), false)).isEmpty();
    }

    @Test
    void of_untestedImageWhoseChildWasBuiltOnAnotherDigest_isBlockedUnlessUntestedAreAllowed() {
        GateReport gate = new GateReport("r", List.of(tested("app", A), tested("base", B)),
                List.of(result("app", SmokeStatus.PASSED)));
        List<PromotionSource> sources = List.of(source("app", A), source("base", B));
        List<LineageRecord> lineage = appBuiltOnBaseAt("sha256:" + "c".repeat(64));
        assertThat(GateBlocks.of(Optional.of(gate), "", sources, lineage, false)).containsOnlyKeys("base")
                .extractingByKey("base").asString().contains("no smoke test of its own").contains("--allow-untested");
        assertThat(GateBlocks.of(Optional.of(gate), "", sources, lineage, true)).isEmpty();
    }

    @Test
    void of_untestedImageWhoseChildFailed_isBlocked() {
        GateReport gate = new GateReport("r", List.of(tested("app", A), tested("base", B)),
                List.of(result("app", SmokeStatus.FAILED)));
        assertThat(GateBlocks.of(Optional.of(gate), "", List.of(source("app", A), source("base", B)),
                appBuiltOnBaseAt(B), false)).containsOnlyKeys("app", "base");
    }

    @Test
    void of_noTestReport_blocksEveryImageUnlessUntestedAreAllowed() {
        List<PromotionSource> sources = List.of(source("app", A));
        assertThat(GateBlocks.of(Optional.empty(), "no test-report.json beside r/build-report.json", sources,
                List.of(), false).get("app")).startsWith("it was not smoke-tested (no test-report.json beside");
        assertThat(GateBlocks.of(Optional.empty(), "", sources, List.of(), true)).isEmpty();
    }

    @Test
    void of_failedImage_isBlockedEvenWhenUntestedAreAllowed() {
        GateReport gate = new GateReport("r", List.of(tested("app", A)), List.of(result("app", SmokeStatus.FAILED)));
        assertThat(GateBlocks.of(Optional.of(gate), "", List.of(source("app", A)), List.of(), true))
                .containsOnlyKeys("app");
    }

    @Test
    void of_failedImage_isBlockedWithItsFailedTests() {
        GateReport gate = new GateReport("r", List.of(tested("app", A)), List.of(result("app", SmokeStatus.FAILED)));
        assertThat(blocks(gate, List.of(source("app", A))))
                .containsExactly(Map.entry("app", "it failed its smoke tests: app/version failed (exited with 1: boom)"));
    }

    @Test
    void of_imageTestedAtAnotherDigest_isBlocked() {
        GateReport gate = new GateReport("r", List.of(tested("app", B)), List.of(result("app", SmokeStatus.PASSED)));
        assertThat(blocks(gate, List.of(source("app", A))).get("app"))
                .isEqualTo("its tests ran against quay.io/acme/app@" + B + ", not " + A);
    }

    @Test
    void of_imageTheGateNeverSaw_isBlocked() {
        GateReport gate = new GateReport("r7", List.of(), List.of());
        assertThat(blocks(gate, List.of(source("app", A))).get("app"))
                .isEqualTo("the test report (run r7) did not test it");
    }
}
