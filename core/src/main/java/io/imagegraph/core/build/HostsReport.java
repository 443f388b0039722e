package io.imagegraph.core.build;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a run on several build hosts built what: each image's host and how long pulling its
 * parents from the registry took there, and the hosts that went down with the builds they lost.
 *
 * @param hosts      the hosts of the run, as named
 * @param placements image name to where it was built
 * @param down       the hosts marked down during the run
 */
public record HostsReport(List<String> hosts, Map<String, Placement> placements, List<HostScheduler.HostDown> down) {

    public HostsReport {
        hosts = List.copyOf(hosts);
        placements = java.util.Collections.unmodifiableMap(new TreeMap<>(placements));
        down = List.copyOf(down);
    }

    /**
     * @param host          the host that built (or found) the image
     * @param parentPull    how long pulling its parents by digest took there (zero when it had them)
     * @param pulledParents the parents pulled, as {@code repository@sha256:…}
     */
    public record Placement(String host, Duration parentPull, List<String> pulledParents) {
        public Placement {
            pulledParents = List.copyOf(pulledParents);
        }
    }

    public Optional<Placement> placement(String image) {
        return Optional.ofNullable(placements.get(image));
    }

    /**
     * In words, one line each: where each image was built (and its parents' pull), then each host
     * that went down with the builds it lost; the CLI prints them under its table, the plugin in the log.
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        placements.forEach((image, placement) -> lines.add(image + " on " + placement.host()
                + (placement.pulledParents().isEmpty() ? ""
                : String.format(Locale.ROOT, ", parents pulled by digest in %.1f s (%s)",
                placement.parentPull().toMillis() / 1000.0, String.join(", ", placement.pulledParents())))));
        for (HostScheduler.HostDown gone : down) {
            lines.add("Build host " + gone.host() + " went down: " + gone.reason() + "; it lost "
                    + String.join(", ", gone.lostTasks()) + ", built again on the other hosts (each counted as a retry)");
        }
        return lines;
    }
}
