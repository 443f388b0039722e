package io.imagegraph.core.report;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.ImageResult;
import io.imagegraph.core.build.ImageStatus;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.testing.GraphFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Graphs and build reports for the report tests. */
final class ReportFixtures {

    private ReportFixtures() {
    }

    static String digest(int n) {
        return "sha256:" + String.format("%064x", n);
    }

    static ImageResult result(String name, ImageStatus status, int digest) {
        return new ImageResult(name, status, Optional.of(digest(1000 + digest)),
                digest == 0 ? Optional.empty() : Optional.of(digest(digest)),
                List.of("127.0.0.1:5000/acme/" + name + ":pr-1"), digest(5000 + digest), Duration.ofMillis(1234 * digest),
                Optional.empty(), status == ImageStatus.FAILED ? "RUN make failed with exit code 2" : "built", 1);
    }

    /** base (FROM debian:12) → api, worker; api → web; lonely FROM scratch. */
    static ImageGraph family(Path dir) {
        return new GraphFixture(dir)
                .image("base", "FROM debian:12\n")
                .image("api", "FROM base\n")
                .image("worker", "FROM base\n")
                .image("web", "FROM api\n")
                .image("lonely", "FROM scratch\n")
                .graph();
    }

    static BuildReport familyRun() {
        return new BuildReport("run-7", Instant.parse("2026-11-24T10:00:00Z"), Instant.parse("2026-11-24T10:05:00Z"),
                List.of(result("base", ImageStatus.REUSED, 1), result("api", ImageStatus.BUILT, 2),
                        result("lonely", ImageStatus.BUILT, 5), result("worker", ImageStatus.FAILED, 0),
                        result("web", ImageStatus.BUILT, 4)));
    }

    /** {@code count} images in layers of {@code width}, each FROM one or two images of the layer above. */
    static ImageGraph wide(Path dir, int count, int width) {
        GraphFixture fixture = new GraphFixture(dir);
        for (int i = 0; i < count; i++) {
            String from = i < width ? "FROM scratch\n" : "FROM img" + Math.max(0, i - width - (i % 3)) + "\n";
            String copy = i >= 2 * width && i % 4 == 0 ? "COPY --from=img" + (i - 2 * width + 1) + " /a /a\n" : "";
            fixture.image("img" + i, from + copy);
        }
        return fixture.graph();
    }

    static BuildReport allBuilt(ImageGraph graph) {
        List<ImageResult> results = new ArrayList<>();
        int n = 1;
        for (String name : graph.order()) {
            results.add(result(name, ImageStatus.BUILT, n++));
        }
        return new BuildReport("run-big", Instant.EPOCH, Instant.EPOCH, results);
    }
}
