package io.imagegraph.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.ImageResult;
import io.imagegraph.core.build.ImageStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestedImagesTest {

    private static final String ID = "sha256:" + "1".repeat(64);
    private static final String DIGEST = "sha256:" + "2".repeat(64);

    private static ImageResult result(String name, ImageStatus status, Optional<String> digest) {
        return new ImageResult(name, status, Optional.of(ID), digest, List.of("127.0.0.1:5000/acme/" + name + ":test"),
                "sha256:" + "3".repeat(64), Duration.ZERO, Optional.empty(), "", 1);
    }

    @Test
    void of_pushedImage_isTestedByRegistryDigest_localOneByImageId_failedOnesNot() {
        BuildReport report = new BuildReport("r", Instant.EPOCH, Instant.EPOCH, List.of(
                result("app", ImageStatus.BUILT, Optional.of(DIGEST)),
                result("tool", ImageStatus.REUSED, Optional.empty()),
                result("broken", ImageStatus.FAILED, Optional.empty())));
        assertThat(TestedImages.of(report)).containsExactly(
                new TestedImage("app", "127.0.0.1:5000/acme/app@" + DIGEST, Optional.of(DIGEST)),
                new TestedImage("tool", ID, Optional.empty()));
    }
}
