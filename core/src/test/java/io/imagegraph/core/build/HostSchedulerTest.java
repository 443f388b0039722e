package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.build.BuildScheduler.Outcome;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The scheduling itself, with tasks that sleep instead of building (the engines are in HostBuildTest). */
class HostSchedulerTest {

    private static HostEngine engine(String name, int slots) {
        return new HostEngine(new BuildHost(name, URI.create("tcp://" + name + ":2375"), slots, Optional.empty()),
                null, null, "docker", Map.of());
    }

    @Test
    void readyTasks_startCriticalPathFirst_acrossEveryHostsSlots() throws Exception {
        List<String> started = new CopyOnWriteArrayList<>();
        HostScheduler scheduler = new HostScheduler(List.of(engine("a", 1), engine("b", 1)), false);
        Map<String, Outcome> outcomes = scheduler.run(List.of("short", "long", "mid"), Map.of(),
                Map.of("short", 1.0, "long", 9.0, "mid", 5.0), (task, host, lost) -> {
                    started.add(task);
                    Thread.sleep(100);
                    return HostScheduler.Verdict.success();
                }, (task, host) -> Optional.empty(), (task, reason) -> { });
        assertThat(started.subList(0, 2)).containsExactlyInAnyOrder("long", "mid");
        assertThat(started.get(2)).isEqualTo("short");
        assertThat(outcomes.values()).containsOnly(Outcome.SUCCEEDED);
    }

    @Test
    void aChild_goesToTheHostThatBuiltItsParent() throws Exception {
        Map<String, String> ranOn = new ConcurrentHashMap<>();
        HostScheduler scheduler = new HostScheduler(List.of(engine("a", 2), engine("b", 2)), false);
        scheduler.run(List.of("p", "q", "p1", "q1"), Map.of("p1", Set.of("p"), "q1", Set.of("q")),
                Map.of("p", 2.0, "q", 2.0, "p1", 1.0, "q1", 1.0), (task, host, lost) -> {
                    ranOn.put(task, host.name());
                    return HostScheduler.Verdict.success();
                }, (task, host) -> Optional.empty(), (task, reason) -> { });
        assertThat(ranOn.get("p1")).isEqualTo(ranOn.get("p"));
        assertThat(ranOn.get("q1")).isEqualTo(ranOn.get("q"));
    }

    @Test
    void aLostHost_isMarkedDown_andItsTaskRunsOnAnother() throws Exception {
        Map<String, String> ranOn = new ConcurrentHashMap<>();
        HostScheduler scheduler = new HostScheduler(List.of(engine("a", 1), engine("b", 1)), false);
        Map<String, Outcome> outcomes = scheduler.run(List.of("x", "y", "z"), Map.of(),
                Map.of("x", 3.0, "y", 2.0, "z", 1.0), (task, host, lost) -> {
                    if (host.name().equals("b")) {
                        return HostScheduler.Verdict.lost("its Engine stopped answering");
                    }
                    ranOn.put(task, host.name());
                    return HostScheduler.Verdict.success();
                }, (task, host) -> Optional.empty(), (task, reason) -> { });
        assertThat(outcomes.values()).containsOnly(Outcome.SUCCEEDED);
        assertThat(ranOn.values()).containsOnly("a");
        assertThat(scheduler.hostsDown()).singleElement().satisfies(down -> {
            assertThat(down.host()).isEqualTo("b");
            assertThat(down.lostTasks()).hasSize(1);
        });
    }

    @Test
    void aTaskNoHostCanBuild_isRefused_andItsChildrenAreNotRun() throws Exception {
        Map<String, String> refused = new ConcurrentHashMap<>();
        HostScheduler scheduler = new HostScheduler(List.of(engine("a", 1), engine("b", 1)), false);
        Map<String, Outcome> outcomes = scheduler.run(List.of("secret", "child", "plain"),
                Map.of("child", Set.of("secret")), Map.of(), (task, host, lost) -> HostScheduler.Verdict.success(),
                (task, host) -> task.equals("secret") ? Optional.of("its Engine has no BuildKit") : Optional.empty(),
                refused::put);
        assertThat(outcomes).containsEntry("secret", Outcome.FAILED).containsEntry("child", Outcome.PARENT_FAILED)
                .containsEntry("plain", Outcome.SUCCEEDED);
        assertThat(refused.get("secret")).isEqualTo("no build host can build secret (a: its Engine has no BuildKit;"
                + " b: its Engine has no BuildKit)");
    }

    @Test
    void aTaskWithNoEligibleHostFree_waitsForIt_insteadOfGoingElsewhere() throws Exception {
        Map<String, String> ranOn = new ConcurrentHashMap<>();
        HostScheduler scheduler = new HostScheduler(List.of(engine("a", 1), engine("b", 1)), false);
        scheduler.run(List.of("k1", "k2"), Map.of(), Map.of(), (task, host, lost) -> {
            ranOn.put(task, host.name());
            Thread.sleep(50);
            return HostScheduler.Verdict.success();
        }, (task, host) -> host.name().equals("a") ? Optional.empty() : Optional.of("no BuildKit"), (task, reason) -> { });
        assertThat(ranOn).containsEntry("k1", "a").containsEntry("k2", "a");
    }
}
