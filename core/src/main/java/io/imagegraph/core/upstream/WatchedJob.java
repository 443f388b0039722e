package io.imagegraph.core.upstream;

import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.track.TagEvents;
import io.imagegraph.core.track.TagHistory;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The upstream images one job follows, with a state folder of its own: what the plugin's
 * image-change trigger polls on its schedule and its webhook endpoint tells of pushes. A job
 * starts again when one of its watches moved (not when one is seen for the first time). Every
 * poll and push is also written to the folder's tag history.
 */
public final class WatchedJob {

    private final List<UpstreamWatch> watches;
    private final StateDirectory state;
    private final Registries registries;
    private final Clock clock;

    /**
     * @param watchKeys the watches, as {@link UpstreamWatch#key()} wrote them (the job's last build recorded them)
     * @throws IllegalArgumentException when a key is not a watch
     */
    public WatchedJob(List<String> watchKeys, StateDirectory state, Registries registries, Clock clock) {
        this.watches = watchKeys.stream().map(UpstreamWatch::ofKey).toList();
        this.state = state;
        this.registries = registries;
        this.clock = clock;
    }

    public List<UpstreamWatch> watches() {
        return watches;
    }

    /**
     * Polls the watches not polled within the interval.
     *
     * @return why the job should start, when a watch moved
     */
    public Optional<RebuildCause> poll(UpstreamSettings settings)
            throws RegistryException, IOException, InterruptedException {
        List<UpstreamCheck> checks = new UpstreamPoller(registries, UpstreamState.in(state), clock)
                .poll(watches, settings, false);
        TagHistory.in(state).record(TagEvents.ofUpstream(checks, clock.instant()));
        return RebuildCause.of(checks);
    }

    /**
     * Records where each watch not known yet points now, and starts nothing: what the job's first
     * build leaves, so that the first move after it (a poll's or a push's) starts the job instead
     * of being taken for the first sight of the watch. Watches already known are not asked.
     *
     * @return one check per watch that was not known (first seen, or failed with why)
     */
    public List<UpstreamCheck> baseline() throws IOException, InterruptedException {
        UpstreamState upstream = UpstreamState.in(state);
        Map<String, UpstreamDigest> known = upstream.current();
        List<UpstreamWatch> unknown = watches.stream().filter(watch -> !known.containsKey(watch.key())).toList();
        if (unknown.isEmpty()) {
            return List.of();
        }
        List<UpstreamCheck> checks = new UpstreamPoller(registries, upstream, clock).poll(unknown,
                new UpstreamSettings(Duration.ZERO, UpstreamSettings.DEFAULT_REQUEST_BUDGET, List.of()), true);
        TagHistory.in(state).record(TagEvents.ofUpstream(checks, clock.instant()));
        return checks;
    }

    /**
     * Takes a webhook request.
     *
     * @return why the job should start, when the push moved one of its watches
     * @throws WebhookRejectedException when the request is not authenticated or not a payload image-graph reads
     */
    public Optional<RebuildCause> receive(WebhookSecret secret, Map<String, List<String>> headers,
                                          Optional<String> token, byte[] body)
            throws WebhookRejectedException, IOException, InterruptedException {
        WebhookReceiver.Outcome outcome = new WebhookReceiver(secret, watches, registries, UpstreamState.in(state), clock)
                .receive(headers, token, body);
        TagHistory.in(state).record(TagEvents.ofUpstream(outcome.checks(), clock.instant()));
        return RebuildCause.of(outcome.checks());
    }
}
