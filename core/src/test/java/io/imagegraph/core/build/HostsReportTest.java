package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostsReportTest {

    @Test
    void lines_sayWhereEachImageWasBuilt_byName_thenTheHostsLost() {
        HostsReport hosts = new HostsReport(List.of("a", "b"), Map.of(
                "base", new HostsReport.Placement("a", Duration.ZERO, List.of()),
                "app", new HostsReport.Placement("b", Duration.ofMillis(400), List.of("r:5000/t/base@sha256:abc"))),
                List.of(new HostScheduler.HostDown("c", "its Engine stopped answering", List.of("tool", "web"))));

        assertThat(hosts.lines()).containsExactly(
                "app on b, parents pulled by digest in 0.4 s (r:5000/t/base@sha256:abc)",
                "base on a",
                "Build host c went down: its Engine stopped answering; it lost tool, web, built again on the other"
                        + " hosts (each counted as a retry)");
    }

    @Test
    void lines_ofARunWhereNoHostWentDown_areThePlacementsOnly() {
        HostsReport hosts = new HostsReport(List.of("a"),
                Map.of("base", new HostsReport.Placement("a", Duration.ZERO, List.of())), List.of());

        assertThat(hosts.lines()).containsExactly("base on a");
    }
}
