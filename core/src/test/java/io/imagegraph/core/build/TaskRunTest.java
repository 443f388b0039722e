package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.build.BuildScheduler.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class TaskRunTest {

    private static final List<String> ORDER = List.of("base", "mid", "other", "leaf");
    private static final Map<String, Set<String>> NEEDS = Map.of("mid", Set.of("base"), "other", Set.of("base"),
            "leaf", Set.of("mid", "other"));

    @Test
    void aSuccess_makesReadyOnlyTheDependantsWhoseEveryDependencySucceeded() throws Exception {
        TaskRun<Boolean> tasks = new TaskRun<>(ORDER, NEEDS, 2, "t");
        assertThat(tasks.initiallyReady()).containsExactly("base");
        assertThat(tasks.succeeded("base")).containsExactly("mid", "other");
        assertThat(tasks.succeeded("mid")).isEmpty();
        assertThat(tasks.succeeded("other")).containsExactly("leaf");
        assertThat(tasks.finish(false)).containsEntry("base", Outcome.SUCCEEDED).containsEntry("leaf", Outcome.CANCELLED);
    }

    @Test
    void aFailure_stopsEveryTaskBuiltOnIt_transitively_andTheOutcomesComeInOrder() throws Exception {
        TaskRun<Boolean> tasks = new TaskRun<>(ORDER, NEEDS, 2, "t");
        tasks.failed("base");
        assertThat(tasks.finish(false)).containsExactly(Map.entry("base", Outcome.FAILED),
                Map.entry("mid", Outcome.PARENT_FAILED), Map.entry("other", Outcome.PARENT_FAILED),
                Map.entry("leaf", Outcome.PARENT_FAILED));
    }

    @Test
    void runningTasks_endWithWhatTheyReturned_andACancelledOneIsRecordedCancelled() throws Exception {
        TaskRun<Boolean> tasks = new TaskRun<>(ORDER, NEEDS, 2, "t");
        CountDownLatch started = new CountDownLatch(1);
        tasks.start("base", () -> true);
        assertThat(tasks.next()).isEqualTo(new TaskRun.Ended<>("base", java.util.Optional.of(true)));
        tasks.start("mid", () -> {
            started.countDown();
            Thread.sleep(60_000);
            return true;
        });
        started.await();
        tasks.cancelRunning();
        assertThat(tasks.next().result()).isEmpty();
        assertThat(tasks.running()).isZero();
        assertThat(tasks.finish(false)).containsEntry("mid", Outcome.CANCELLED);
    }

    @Test
    void aTaskThatThrows_isAnUnexpectedError() throws Exception {
        TaskRun<Boolean> tasks = new TaskRun<>(ORDER, NEEDS, 1, "t");
        tasks.start("base", () -> {
            throw new IllegalArgumentException("bug");
        });
        assertThatThrownBy(tasks::next).isInstanceOf(IllegalStateException.class).hasRootCauseMessage("bug");
        tasks.abandon();
    }
}
