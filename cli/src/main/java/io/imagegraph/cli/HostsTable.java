package io.imagegraph.cli;

import io.imagegraph.core.build.HostsReport;

/** Under the build table of a run on build hosts: where each image was built, its parents' pull, the hosts lost. */
final class HostsTable {

    private HostsTable() {
    }

    static String render(HostsReport hosts) {
        StringBuilder text = new StringBuilder("Build hosts: ").append(String.join(", ", hosts.hosts())).append('\n');
        for (String line : hosts.lines()) {
            text.append(line.startsWith("Build host ") ? "" : "  ").append(line).append('\n');
        }
        return text.toString();
    }
}
