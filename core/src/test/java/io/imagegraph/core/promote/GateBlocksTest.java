package io.imagegraph.core.promote;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.gate.GateReport;
import io.imagegraph.core.gate.SmokeResult;
import io.imagegraph.core.gate.SmokeStatus;
import io.imagegraph.core.gate.TestedImage;
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

    @Test
    void of_passedAndUntestedImages_areNotBlocked() {
        GateReport gate = new GateReport("r", List.of(tested("app", A), tested("base", B)),
                List.of(result("app", SmokeStatus.PASSED)));
        assertThat(GateBlocks.of(gate, List.of(source("app", A), source("base", B)))).isEmpty();
    }

    @Test
    void of_failedImage_isBlockedWithItsFailedTests() {
        GateReport gate = new GateReport("r", List.of(tested("app", A)), List.of(result("app", SmokeStatus.FAILED)));
        assertThat(GateBlocks.of(gate, List.of(source("app", A))))
                .containsExactly(Map.entry("app", "it failed its smoke tests: app/version failed (exited with 1: boom)"));
    }

    @Test
    void of_imageTestedAtAnotherDigest_isBlocked() {
        GateReport gate = new GateReport("r", List.of(tested("app", B)), List.of(result("app", SmokeStatus.PASSED)));
        assertThat(GateBlocks.of(gate, List.of(source("app", A))).get("app"))
                .isEqualTo("its tests ran against quay.io/acme/app@" + B + ", not " + A);
    }

    @Test
    void of_imageTheGateNeverSaw_isBlocked() {
        GateReport gate = new GateReport("r7", List.of(), List.of());
        assertThat(GateBlocks.of(gate, List.of(source("app", A))).get("app"))
                .isEqualTo("the test report (run r7) did not test it");
    }
}
