package io.imagegraph.core.graph;

import io.imagegraph.core.upstream.UpstreamSettings;
import io.imagegraph.core.upstream.UpstreamWatch;
import java.util.List;

/**
 * The {@code upstream} section of the graph file, as written: how often upstream images may be
 * polled, the request budget a registry, and repositories to watch besides the FROM lines' bases.
 *
 * @param interval      {@code 30m}, {@code 1h}, {@code 1d} (default 1h)
 * @param requestBudget requests a poll pass may send to one registry (default 100)
 * @param watches       repositories to watch
 */
public record UpstreamSection(String interval, Integer requestBudget, List<Watch> watches) {

    /**
     * One configured watch.
     *
     * @param image  {@code registry/repository:tag} to follow a tag, or {@code registry/repository} with a policy
     * @param tags   a regular expression the followed tags match
     * @param semver a semantic version range the followed tags satisfy
     */
    public record Watch(String image, String tags, String semver) {

        public Watch {
            if (image == null || image.isBlank()) {
                throw new IllegalArgumentException("a watch needs 'image': the repository (and tag) to watch");
            }
            UpstreamWatch.of(image, tags, semver);
        }
    }

    public UpstreamSection {
        watches = watches == null ? List.of() : YamlValues.list(watches, "upstream.watches");
        settings(interval, requestBudget, watches);
    }

    private static java.time.Duration interval(String text) {
        try {
            return UpstreamSettings.parseInterval(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("interval " + e.getMessage());
        }
    }

    /** The section as settings, with the defaults for what it leaves out. */
    public UpstreamSettings settings() {
        return settings(interval, requestBudget, watches);
    }

    private static UpstreamSettings settings(String interval, Integer requestBudget, List<Watch> watches) {
        return new UpstreamSettings(interval == null ? UpstreamSettings.DEFAULT_INTERVAL : interval(interval),
                requestBudget == null ? UpstreamSettings.DEFAULT_REQUEST_BUDGET : requestBudget,
                watches.stream().map(w -> UpstreamWatch.of(w.image(), w.tags(), w.semver())).toList());
    }
}
