package io.imagegraph.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What each step says when the build resumes after a controller restart. */
class StepAfterRestartTest {

    @Test
    void failure_buildImageGraph_saysRunAgain_andThatPushedImagesAreReused() {
        assertThat(StepAfterRestart.failure("buildImageGraph")).isEqualTo("imagegraph: buildImageGraph was running"
                + " when Jenkins restarted, and its work cannot be picked up again. Run the build again: images"
                + " already pushed with the same input digest are reused, not rebuilt.");
    }

    @Test
    void failure_promoteImages_saysRunItAgainWithTheSameReport() {
        assertThat(StepAfterRestart.failure("promoteImages"))
                .startsWith("imagegraph: promoteImages was running when Jenkins restarted")
                .contains("Run promoteImages again with the same report: it first settles the tags");
    }

    @Test
    void failure_smokeTestImages_namesTheReportToTestAgain() {
        assertThat(StepAfterRestart.failure("smokeTestImages"))
                .contains("smokeTestImages with report: naming this build's build-report.json");
    }

    @Test
    void failure_everyStep_namesItself_andSaysWhatToRun() {
        for (String step : new String[] {"buildImageGraph", "smokeTestImages", "promoteImages", "imageGraphPlan",
                "pruneImages"}) {
            assertThat(StepAfterRestart.failure(step)).startsWith("imagegraph: " + step + " was running")
                    .contains(" Run ");
        }
        assertThat(StepAfterRestart.rerun("pruneImages")).startsWith("Run pruneImages again");
        assertThat(StepAfterRestart.rerun("imageGraphPlan")).isEqualTo("Run the build again: a plan changes nothing.");
    }
}
