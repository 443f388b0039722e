package io.imagegraph.core.build;

import io.imagegraph.core.process.LineOutput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Moves parents between build hosts through the registry: a child built on another host than its
 * parent pulls the parent by digest ({@code repository@sha256:…}, never a tag) and is pinned to
 * that same digest reference; on the host that built the parent it is pinned to the local image.
 * One per run; it remembers where each image was built and which host already pulled what.
 */
final class ParentTransfer {

    /** How a parent is pinned on the host that has it: its image ID there. */
    @FunctionalInterface
    interface LocalPin {
        String pin() throws ImageBuildException, InterruptedException;
    }

    private final BuildEventSink events;
    private final Map<String, String> builtOn = new ConcurrentHashMap<>();
    private final Set<String> pulled = ConcurrentHashMap.newKeySet();
    private final Map<String, HostsReport.Placement> placements = new ConcurrentHashMap<>();

    ParentTransfer(BuildEventSink events) {
        this.events = events;
    }

    /** Records that {@code image} was built (or found in the local store) on {@code host}. */
    void builtOn(String image, String host) {
        builtOn.put(image, host);
    }

    /**
     * What {@code child} on {@code engine} builds from for {@code parent}: the local pin when
     * {@code engine} built the parent, else {@code digestReference}, pulled first unless this
     * host already pulled it. The pull's time is added to the child's placement.
     */
    String pin(String child, String parent, HostEngine engine, java.util.Optional<String> digestReference,
               LocalPin local) throws ImageBuildException, InterruptedException {
        if (engine.name().equals(builtOn.get(parent))) {
            return local.pin();
        }
        String reference = digestReference.orElseThrow(() -> new ImageBuildException("its parent " + parent
                + " was built on build host " + builtOn.getOrDefault(parent, "(another)") + " and has no digest in the"
                + " registry, so build host " + engine.name() + " cannot pull it; build with a registry", false));
        if (pulled.add(engine.name() + " " + reference)) {
            events.accept(new BuildEvent.Started(child, 1, "pulling its parent " + reference + " on build host "
                    + engine.name()));
            Duration took;
            try (LineOutput lines = new LineOutput(line -> events.accept(new BuildEvent.Output(child, line)))) {
                took = engine.pull(reference, lines);
            } catch (ImageBuildException e) {
                pulled.remove(engine.name() + " " + reference);
                throw e;
            }
            placements.merge(child, new HostsReport.Placement(engine.name(), took, List.of(reference)),
                    (before, now) -> {
                        List<String> both = new ArrayList<>(before.pulledParents());
                        both.addAll(now.pulledParents());
                        return new HostsReport.Placement(now.host(), before.parentPull().plus(now.parentPull()), both);
                    });
        }
        return reference;
    }

    /** Forgets the pulls of an attempt that was lost with its host, before the image is built elsewhere. */
    void forget(String child) {
        placements.remove(child);
    }

    /** Where each image was built and what its parents' pulls took. */
    Map<String, HostsReport.Placement> placements() {
        Map<String, HostsReport.Placement> all = new java.util.TreeMap<>();
        builtOn.forEach((image, host) -> all.put(image, placements.getOrDefault(image,
                new HostsReport.Placement(host, Duration.ZERO, List.of()))));
        return all;
    }
}
