package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.build.HostScheduler;
import io.imagegraph.core.build.HostsReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostsTableTest {

    @Test
    void render_namesEachImagesHost_thePullsAndTheHostsLost() {
        HostsReport hosts = new HostsReport(List.of("a", "b"), Map.of(
                "base", new HostsReport.Placement("a", Duration.ZERO, List.of()),
                "app", new HostsReport.Placement("b", Duration.ofMillis(1250), List.of("r:5000/t/base@sha256:abc"))),
                List.of(new HostScheduler.HostDown("c", "its Engine at tcp://c:2375 stopped answering (refused)",
                        List.of("tool"))));
        assertThat(HostsTable.render(hosts)).isEqualTo("""
                Build hosts: a, b
                  app on b, parents pulled by digest in 1.3 s (r:5000/t/base@sha256:abc)
                  base on a
                Build host c went down: its Engine at tcp://c:2375 stopped answering (refused); it lost tool, built again on the other hosts (each counted as a retry)
                """);
    }
}
