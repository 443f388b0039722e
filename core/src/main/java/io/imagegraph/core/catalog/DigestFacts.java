package io.imagegraph.core.catalog;

import io.imagegraph.core.gate.GateReport;
import io.imagegraph.core.gate.GateReportJson;
import io.imagegraph.core.gate.GateVerdict;
import io.imagegraph.core.gate.TestedImage;
import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.track.ConfiguredHolds;
import io.imagegraph.core.track.DeploymentRecord;
import io.imagegraph.core.track.Deployments;
import io.imagegraph.core.track.HeldImages;
import io.imagegraph.core.track.Holds;
import io.imagegraph.core.track.TagCause;
import io.imagegraph.core.track.TagEvent;
import io.imagegraph.core.track.TagHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the state folder knows of digests: the tag history (when a tag moved, which digests a
 * promotion moved a tag to), the passing gates of the runs' test reports, the holds (with the
 * lineage, so that an image built on a held digest is held too), the current deployments, and
 * which run built a digest. Also the repositories it names, for a registry that will not list its own.
 */
public final class DigestFacts {

    private final Map<String, TagEvent> currentTags;
    private final Set<String> promoted;
    private final Set<String> tested;
    private final HeldImages held;
    private final Map<String, List<String>> deployed;
    private final Map<String, String> runs;
    private final Set<String> repositories;

    private DigestFacts(Map<String, TagEvent> currentTags, Set<String> promoted, Set<String> tested, HeldImages held,
                        Map<String, List<String>> deployed, Map<String, String> runs, Set<String> repositories) {
        this.currentTags = currentTags;
        this.promoted = promoted;
        this.tested = tested;
        this.held = held;
        this.deployed = deployed;
        this.runs = runs;
        this.repositories = repositories;
    }

    public static DigestFacts none() {
        return new DigestFacts(Map.of(), Set.of(), Set.of(), HeldImages.of(Map.of(), List.of()), Map.of(), Map.of(),
                Set.of());
    }

    public static DigestFacts read(StateDirectory state) throws IOException {
        return read(state, ConfiguredHolds.none());
    }

    /** What the state knows, with the holds an administrator configured over the state's own (as promotion sees them). */
    public static DigestFacts read(StateDirectory state, ConfiguredHolds configured) throws IOException {
        Map<String, TagEvent> current = new HashMap<>();
        Set<String> promoted = new HashSet<>();
        Set<String> repositories = new LinkedHashSet<>();
        for (TagEvent event : TagHistory.in(state).events()) {
            current.put(event.reference(), event);
            repositories.add(event.repository());
            if (event.cause() == TagCause.PROMOTED) {
                promoted.add(event.digest());
            }
        }
        List<LineageRecord> lineage = JsonLinesLineageStore.in(state).records();
        Map<String, String> runs = new HashMap<>();
        for (LineageRecord record : lineage) {
            if (record.digest() != null) {
                runs.putIfAbsent(record.digest(), record.runId());
            }
            if (record.repository() != null && record.repository().contains("/")) {
                repositories.add(record.repository());
            }
        }
        Map<String, List<String>> deployed = new HashMap<>();
        for (DeploymentRecord record : Deployments.in(state).current()) {
            deployed.computeIfAbsent(record.digest(), digest -> new ArrayList<>()).add(record.environment());
            repositories.add(record.repository());
        }
        return new DigestFacts(current, promoted, passedGates(state.folder().resolve("runs")),
                HeldImages.of(configured.over(Holds.in(state).active()), lineage), deployed, runs, repositories);
    }

    /** The digests a test report under {@code runs/<run>/} shows passing. */
    private static Set<String> passedGates(Path runs) throws IOException {
        Set<String> passed = new HashSet<>();
        if (!Files.isDirectory(runs)) {
            return passed;
        }
        try (Stream<Path> folders = Files.list(runs)) {
            for (Path report : folders.map(folder -> folder.resolve(GateReportJson.FILE_NAME)).filter(Files::isRegularFile)
                    .toList()) {
                GateReport gate = GateReportJson.read(report);
                Map<String, GateVerdict> verdicts = gate.verdicts();
                for (TestedImage image : gate.images()) {
                    if (verdicts.get(image.image()) == GateVerdict.PASSED) {
                        image.digest().ifPresent(passed::add);
                    }
                }
            }
        }
        return passed;
    }

    /** The repositories ({@code registry/repository}) the state names. */
    public Set<String> repositories() {
        return Set.copyOf(repositories);
    }

    CatalogEntry entry(String registry, String repository, String tag, String digest, boolean attested) {
        String location = registry + "/" + repository;
        Optional<String> since = Optional.ofNullable(currentTags.get(location + ":" + tag))
                .filter(event -> digest.equals(event.digest())).map(TagEvent::time);
        return new CatalogEntry(registry, repository, tag, digest, since, promoted.contains(digest),
                tested.contains(digest), held.blocking(digest).map(HeldImages.Blocked::reason),
                deployed.getOrDefault(digest, List.of()), attested, Optional.ofNullable(runs.get(digest)));
    }
}
