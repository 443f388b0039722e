package io.imagegraph.cli;

import io.imagegraph.core.build.HostScheduler;
import io.imagegraph.core.build.HostsReport;
import java.util.Locale;

/** Under the build table of a run on build hosts: where each image was built, its parents' pull, the hosts lost. */
final class HostsTable {

    private HostsTable() {
    }

    static String render(HostsReport hosts) {
        StringBuilder text = new StringBuilder("Build hosts: ").append(String.join(", ", hosts.hosts())).append('\n');
        hosts.placements().forEach((image, placement) -> {
            text.append("  ").append(image).append(" on ").append(placement.host());
            if (!placement.pulledParents().isEmpty()) {
                text.append(String.format(Locale.ROOT, ", parents pulled by digest in %.1f s (%s)",
                        placement.parentPull().toMillis() / 1000.0, String.join(", ", placement.pulledParents())));
            }
            text.append('\n');
        });
        for (HostScheduler.HostDown down : hosts.down()) {
            text.append("Build host ").append(down.host()).append(" went down: ").append(down.reason())
                    .append("; it lost ").append(String.join(", ", down.lostTasks()))
                    .append(", built again on the other hosts (each counted as a retry)\n");
        }
        return text.toString();
    }
}
