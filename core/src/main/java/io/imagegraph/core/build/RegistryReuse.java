package io.imagegraph.core.build;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.plan.PlannedImage;
import io.imagegraph.core.quota.QuotaGuard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Before a run's builds start: every image whose input digest the registry already has is reused from there. */
final class RegistryReuse {

    /** How many registry look-ups run at once before the builds start. */
    private static final int REGISTRY_LOOKUPS = 8;

    private final RegistryTags registry;
    private final BuildEventSink events;
    private final Clock clock;
    private final PushQuotas quotas;

    /** A reuse whose tag moves keep the graph's quotas ({@link PushQuotas#admitTags}). */
    RegistryReuse(RegistryTags registry, BuildEventSink events, Clock clock, PushQuotas quotas) {
        this.registry = registry;
        this.events = events;
        this.clock = clock;
        this.quotas = quotas;
    }

    /**
     * Looks every image of the run up in the registry by its input-digest tag, several at a time;
     * each one found is reused and gets the run's tags registry side. A look-up that fails is kept
     * and fails that image when the scheduler reaches it, so that its descendants are not built.
     */
    void reuseFromRegistry(ImageGraph graph, Map<String, PlannedImage> planned, List<String> names,
                                   Map<String, String> neededBy, BuildOptions options,
                                   Map<String, Set<io.imagegraph.core.ref.Digest>> known,
                                   Map<String, ImageResult> results, Map<String, String> failures)
            throws InterruptedException {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.min(REGISTRY_LOOKUPS, Math.max(1, names.size())));
        try {
            List<java.util.concurrent.Future<?>> pending = new ArrayList<>();
            for (String name : names) {
                pending.add(pool.submit(() -> {
                    reuseOne(graph, planned.get(name), neededBy.get(name), options, known, results, failures);
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> future : pending) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("registry look-up failed unexpectedly", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void reuseOne(ImageGraph graph, PlannedImage image, String neededBy, BuildOptions options,
                          Map<String, Set<io.imagegraph.core.ref.Digest>> known, Map<String, ImageResult> results,
                          Map<String, String> failures) throws InterruptedException {
        String name = image.name();
        Instant start = clock.instant();
        io.imagegraph.core.ref.RepositoryName path = ImageNames.path(graph, name);
        String repository = ImageNames.repository(graph, options.registry(), name);
        String inputTag = ImageNames.inputTag(image.inputDigest());
        try {
            List<String> tags = RunTags.of(image, options);
            Optional<io.imagegraph.core.registry.ManifestDescriptor> held = quotas.keeps(repository)
                    ? registry.find(path, inputTag) : Optional.empty();
            Optional<QuotaGuard.Addition> admitted = held.isEmpty() ? Optional.empty() : quotas.admitTags(graph, name,
                    repository, new java.util.TreeSet<>(tags), held.get().digest());
            Optional<io.imagegraph.core.ref.Digest> found;
            try {
                found = registry.reuse(path, inputTag, tags,
                        known.getOrDefault(repository + " " + image.inputDigest(), Set.of()));
            } finally {
                admitted.ifPresent(quotas::landed);
            }
            if (found.isEmpty()) {
                return;
            }
            List<String> refs = new ArrayList<>();
            refs.add(repository + ":" + inputTag);
            tags.forEach(tag -> refs.add(repository + ":" + tag));
            ImageResult result = new ImageResult(name, ImageStatus.REUSED, Optional.empty(),
                    Optional.of(found.get().toString()), refs, image.inputDigest().toString(),
                    Duration.between(start, clock.instant()), Optional.empty(), "the registry has an image with the"
                    + " same input digest: " + repository + ":" + inputTag
                    + (neededBy == null ? "" : " (needed by " + neededBy + ")"), 0);
            results.put(name, result);
            events.accept(new BuildEvent.Finished(result));
        } catch (io.imagegraph.core.registry.RegistryException | ImageBuildException e) {
            failures.put(name, e.getMessage());
        }
    }

    /**
     * Manifest digests that earlier runs recorded, by "repository input-digest": what was built
     * from those inputs and pushed there. Image IDs (runs without a registry) are left out.
     */
    static Map<String, Set<io.imagegraph.core.ref.Digest>> knownDigests(List<LineageRecord> records) {
        Map<String, Set<io.imagegraph.core.ref.Digest>> known = new HashMap<>();
        for (LineageRecord record : records) {
            if (record.repository() == null || record.inputDigest() == null || record.digest() == null) {
                continue;
            }
            try {
                known.computeIfAbsent(record.repository() + " " + record.inputDigest(), key -> new java.util.HashSet<>())
                        .add(io.imagegraph.core.ref.Digest.of(record.digest()));
            } catch (RuntimeException e) {
                // not a digest: a record from an older or hand-edited store; it only costs a look-up
            }
        }
        return known;
    }
}
