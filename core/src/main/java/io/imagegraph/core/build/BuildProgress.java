package io.imagegraph.core.build;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where a run stands, from its events: how many of its images are done and how, and which are
 * running and for how long. A live display asks it for a one-line summary every second.
 */
public final class BuildProgress implements BuildEventSink {

    private int total;
    private final Map<ImageStatus, Integer> done = new TreeMap<>();
    private final Map<String, Instant> running = new LinkedHashMap<>();
    private final Map<String, String> actions = new LinkedHashMap<>();
    private final java.time.Clock clock;

    public BuildProgress(java.time.Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void accept(BuildEvent event) {
        if (event instanceof BuildEvent.RunStarted started) {
            total = started.images().size();
        } else if (event instanceof BuildEvent.Started started) {
            running.putIfAbsent(started.image(), clock.instant());
            actions.put(started.image(), started.action().split(" ")[0]);
        } else if (event instanceof BuildEvent.Finished finished) {
            running.remove(finished.result().name());
            actions.remove(finished.result().name());
            done.merge(finished.result().status(), 1, Integer::sum);
        }
    }

    /**
     * {@code 3/6 done (2 built, 1 reused) · building keystone 12s, glance 4s}, the running images
     * longest-running first, cut to {@code width} characters.
     */
    public synchronized String line(Instant now, int width) {
        int finished = done.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder line = new StringBuilder();
        line.append(finished).append('/').append(Math.max(total, finished)).append(" done");
        if (!done.isEmpty()) {
            line.append(" (").append(done.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                    .collect(Collectors.joining(", "))).append(')');
        }
        Map<String, java.util.List<String>> byAction = new LinkedHashMap<>();
        running.forEach((image, since) -> byAction.computeIfAbsent(actions.getOrDefault(image, "building"),
                key -> new java.util.ArrayList<>()).add(image + " " + Duration.between(since, now).toSeconds() + "s"));
        byAction.forEach((action, images) -> line.append(" · ").append(action).append(' ')
                .append(String.join(", ", images)));
        return line.length() <= width ? line.toString() : line.substring(0, Math.max(0, width - 1)) + "…";
    }
}
