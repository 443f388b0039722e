package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.build.BuildScheduler.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BuildSchedulerTest {

    private static final List<String> ORDER = List.of("base", "short", "long1", "long2", "long3");
    private static final Map<String, Set<String>> DEPS = Map.of(
            "short", Set.of("base"), "long1", Set.of("base"), "long2", Set.of("long1"), "long3", Set.of("long2"));

    @Test
    void oneSlot_startsTheLongestRemainingPathFirst() throws Exception {
        List<String> started = new CopyOnWriteArrayList<>();
        Map<String, Double> priority = CriticalPath.remaining(ORDER,
                Map.of("base", Set.of("short", "long1"), "long1", Set.of("long2"), "long2", Set.of("long3")), Map.of());
        Map<String, Outcome> outcomes = new BuildScheduler(1, false).run(ORDER, DEPS, priority, task -> {
            started.add(task);
            return true;
        });
        assertThat(started).containsExactly("base", "long1", "long2", "long3", "short");
        assertThat(outcomes.values()).containsOnly(Outcome.SUCCEEDED);
    }

    @Test
    void failure_marksDependantsAndLetsIndependentBranchesFinish() throws Exception {
        Map<String, Outcome> outcomes = new BuildScheduler(2, false).run(ORDER, DEPS, Map.of(),
                task -> !task.equals("long1"));
        assertThat(outcomes).containsEntry("base", Outcome.SUCCEEDED).containsEntry("short", Outcome.SUCCEEDED)
                .containsEntry("long1", Outcome.FAILED).containsEntry("long2", Outcome.PARENT_FAILED)
                .containsEntry("long3", Outcome.PARENT_FAILED);
    }

    @Test
    void neverRunsMoreThanTheSlots() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<String> wide = List.of("a", "b", "c", "d", "e", "f");
        new BuildScheduler(3, false).run(wide, Map.of(), Map.of(), task -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(50);
            running.decrementAndGet();
            return true;
        });
        assertThat(most.get()).isEqualTo(3);
    }

    @Test
    void failFast_cancelsRunningAndUnstartedTasks() throws Exception {
        CountDownLatch slowStarted = new CountDownLatch(1);
        Map<String, Outcome> outcomes = new BuildScheduler(2, true).run(List.of("slow", "bad", "later"),
                Map.of("later", Set.of("slow")), Map.of("slow", 3.0, "bad", 2.0), task -> {
                    if (task.equals("slow")) {
                        slowStarted.countDown();
                        Thread.sleep(30_000);
                        return true;
                    }
                    slowStarted.await(10, TimeUnit.SECONDS);
                    return false;
                });
        assertThat(outcomes).containsEntry("bad", Outcome.FAILED).containsEntry("slow", Outcome.CANCELLED);
        assertThat(outcomes.get("later")).isIn(Outcome.CANCELLED, Outcome.PARENT_FAILED);
    }

    @Test
    void interruptingTheCaller_stopsRunningTasksAndThrows() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> taskSawInterrupt = new AtomicReference<>(false);
        Thread caller = new Thread(() -> {
            try {
                new BuildScheduler(1, false).run(List.of("a"), Map.of(), Map.of(), task -> {
                    started.countDown();
                    try {
                        Thread.sleep(30_000);
                    } catch (InterruptedException e) {
                        taskSawInterrupt.set(true);
                        throw e;
                    }
                    return true;
                });
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        caller.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        caller.join(20_000);
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(taskSawInterrupt.get()).isTrue();
    }

    @Test
    void zeroSlots_isRefused() {
        assertThatThrownBy(() -> new BuildScheduler(0, false)).hasMessageContaining("at least 1");
    }
}
