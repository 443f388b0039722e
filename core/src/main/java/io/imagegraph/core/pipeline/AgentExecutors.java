package io.imagegraph.core.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decisions of {@code buildImageGraph agents: 'label'}: how many executors to ask of each
 * online agent with the label, how long to wait for them, and what to say meanwhile. Every
 * executor asked for is a build slot on its agent's Engine. The step starts building when all are
 * granted, or, once at least one is, after {@link #PATIENCE} — the executors still busy elsewhere
 * are then given up, so one busy agent does not hold up the graph.
 */
public final class AgentExecutors {

    /** How long the step waits for the executors still queued once one has been granted. */
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    /** What to do after a look at the queue. */
    public enum Decision { WAIT, START }

    private final String label;
    private final Map<String, Integer> requested;

    private AgentExecutors(String label, Map<String, Integer> requested) {
        this.label = label;
        this.requested = Collections.unmodifiableMap(new LinkedHashMap<>(requested));
    }

    /**
     * The executors to ask for: each online agent's executors, at most {@code perAgent} of them.
     *
     * @param online  each online agent with the label, by node name, with its number of executors
     * @param offline the agents with the label that are not online, for the refusal's sentence
     * @throws IllegalArgumentException when no agent with the label is online, naming those that are not
     */
    public static AgentExecutors request(String label, Map<String, Integer> online, List<String> offline,
                                         Optional<Integer> perAgent) {
        if (perAgent.isPresent() && perAgent.get() < 1) {
            throw new IllegalArgumentException("executorsPerAgent must be at least 1, not " + perAgent.get());
        }
        Map<String, Integer> requested = new LinkedHashMap<>();
        online.forEach((node, executors) -> {
            int asked = Math.min(executors, perAgent.orElse(executors));
            if (asked > 0) {
                requested.put(node, asked);
            }
        });
        if (requested.isEmpty()) {
            throw new IllegalArgumentException("no online agent with executors has the label '" + label + "'"
                    + (offline.isEmpty() ? " (no agent has it)" : " (offline: " + String.join(", ", offline) + ")")
                    + "; bring one online, or give agents: a label that online agents have");
        }
        return new AgentExecutors(label, requested);
    }

    /** How many executors to ask of each agent, by node name. */
    public Map<String, Integer> requested() {
        return requested;
    }

    /** Starts when all are granted, or when one is and the step has waited {@link #PATIENCE}. */
    public Decision decide(Map<String, Integer> granted, Duration waited) {
        int all = requested.values().stream().mapToInt(Integer::intValue).sum();
        int have = granted.values().stream().mapToInt(Integer::intValue).sum();
        if (have >= all || have > 0 && waited.compareTo(PATIENCE) >= 0) {
            return Decision.START;
        }
        return Decision.WAIT;
    }

    /** "waiting for executors on 'builders': a 2 of 2, b 0 of 1". */
    public String progress(Map<String, Integer> granted) {
        List<String> each = new ArrayList<>();
        requested.forEach((node, asked) -> each.add(node + " " + granted.getOrDefault(node, 0) + " of " + asked));
        return "waiting for executors on '" + label + "': " + String.join(", ", each);
    }

    /** What the step says when it starts: the agents it builds on, and the executors it gave up. */
    public List<String> started(Map<String, Integer> granted) {
        List<String> lines = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        granted.forEach((node, count) -> {
            if (count > 0) {
                hosts.add(hostName(node) + " (" + count + (count == 1 ? " executor)" : " executors)"));
            }
        });
        lines.add("building on the agents with the label '" + label + "': " + String.join(", ", hosts));
        requested.forEach((node, asked) -> {
            int have = granted.getOrDefault(node, 0);
            if (have < asked) {
                lines.add(node + ": " + (asked - have) + " of its executors were not free within "
                        + PATIENCE.toSeconds() + " s; building without them");
            }
        });
        return lines;
    }

    /** What the step says of an agent it builds on: its Engine, and how many images at once. */
    public static String connected(String node, String endpoint, int slots) {
        return "agent " + hostName(node) + ": its Engine " + endpoint + " builds " + slots
                + (slots == 1 ? " image" : " images") + " at a time, reached through the agent's channel";
    }

    /** The build host name of an agent: its node name, with what a host name cannot hold as '-' ("built-in" for the controller). */
    public static String hostName(String node) {
        if (node.isEmpty()) {
            return "built-in";
        }
        String name = node.replaceAll("[^A-Za-z0-9._-]", "-");
        name = name.replaceFirst("^[._-]+", "");
        if (name.isEmpty()) {
            name = "agent";
        }
        return name.length() > 63 ? name.substring(0, 63) : name;
    }
}
