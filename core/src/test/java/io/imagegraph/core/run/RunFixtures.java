package io.imagegraph.core.run;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.ImageResult;
import io.imagegraph.core.build.ImageStatus;
import io.imagegraph.core.gate.GateReport;
import io.imagegraph.core.gate.SmokeResult;
import io.imagegraph.core.gate.SmokeStatus;
import io.imagegraph.core.gate.TestedImage;
import io.imagegraph.core.promote.ImageLocation;
import io.imagegraph.core.promote.MoveResult;
import io.imagegraph.core.promote.MoveStatus;
import io.imagegraph.core.promote.PromotionReport;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reports of a small run (base reused, app built, tool failed) for the run package's tests. */
final class RunFixtures {

    static final String APP_DIGEST = "sha256:" + "a".repeat(64);

    private RunFixtures() {
    }

    static BuildReport build() {
        return new BuildReport("run-3", Instant.parse("2026-11-24T10:00:00Z"), Instant.parse("2026-11-24T10:02:00Z"),
                List.of(image("base", ImageStatus.REUSED, Optional.of("sha256:" + "b".repeat(64))),
                        image("app", ImageStatus.BUILT, Optional.of(APP_DIGEST)),
                        image("tool", ImageStatus.FAILED, Optional.empty()),
                        image("docs", ImageStatus.NOT_SELECTED, Optional.empty())));
    }

    private static ImageResult image(String name, ImageStatus status, Optional<String> digest) {
        return new ImageResult(name, status, Optional.of("sha256:" + "c".repeat(64)), digest,
                digest.isPresent() ? List.of("127.0.0.1:5000/acme/" + name + ":test") : List.of(),
                "sha256:" + "d".repeat(64), Duration.ofSeconds(3), Optional.empty(),
                status == ImageStatus.FAILED ? "RUN make failed with exit code 2" : status.id(), 1);
    }

    static GateReport gate(SmokeStatus appResult) {
        return new GateReport("run-3", List.of(new TestedImage("app", "127.0.0.1:5000/acme/app@" + APP_DIGEST,
                Optional.of(APP_DIGEST)), new TestedImage("base", "ref", Optional.empty())), List.of(
                new SmokeResult("app/version", List.of("app"), appResult, appResult == SmokeStatus.PASSED ? 0 : 1,
                        Duration.ofMillis(50), "1.0", "done")));
    }

    static PromotionReport promotion(boolean dryRun) {
        ImageLocation to = new ImageLocation("127.0.0.1:5000", RepositoryName.of("acme/app"));
        return new PromotionReport(dryRun, true, List.of(), null, List.of(
                new MoveResult("app", to, "latest", Optional.empty(), Digest.of(APP_DIGEST),
                        dryRun ? MoveStatus.PLANNED : MoveStatus.MOVED, "moved"),
                new MoveResult("app", to, "2026.2", Optional.empty(), Digest.of(APP_DIGEST), MoveStatus.UNCHANGED,
                        "same")));
    }
}
