package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.plan.PlannedImage;
import io.imagegraph.core.plan.SelectionDecision;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.testing.GraphFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotBuiltResultsTest {

    @TempDir
    Path dir;

    private PlannedImage image(SelectionDecision selection, List<String> affected) {
        return new PlannedImage(new GraphFixture(dir).image("app", "FROM scratch\n").graph().node("app"),
                Digest.sha256("app"), selection, affected);
    }

    @Test
    void notSelected_saysWhy() {
        ImageResult result = NotBuiltResults.of(image(new SelectionDecision(false, "not in profile core"), List.of()),
                null, false);
        assertThat(result.status()).isEqualTo(ImageStatus.NOT_SELECTED);
        assertThat(result.reason()).isEqualTo("not in profile core");
        ImageResult unaffected = NotBuiltResults.of(image(new SelectionDecision(true, "selected"), List.of()), null,
                false);
        assertThat(unaffected.reason()).isEqualTo("not affected by the changes: nothing it depends on changed");
    }

    @Test
    void aFailedParent_orACancelledRun_isSaid() {
        PlannedImage image = image(new SelectionDecision(true, "selected"), List.of());
        assertThat(NotBuiltResults.of(image, BuildScheduler.Outcome.PARENT_FAILED, true).status())
                .isEqualTo(ImageStatus.PARENT_FAILED);
        ImageResult cancelled = NotBuiltResults.of(image, null, true);
        assertThat(cancelled.status()).isEqualTo(ImageStatus.CANCELLED);
        assertThat(cancelled.reason()).contains("cancelled");
        assertThat(cancelled.inputDigest()).isEqualTo(Digest.sha256("app").toString());
    }
}
