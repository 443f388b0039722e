package io.imagegraph.core.run;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.BuildReportReader;
import io.imagegraph.core.gate.GateReport;
import io.imagegraph.core.gate.GateReportJson;
import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.promote.GateBlocks;
import io.imagegraph.core.promote.ImageLocation;
import io.imagegraph.core.promote.IntendedTag;
import io.imagegraph.core.promote.PromotionIntent;
import io.imagegraph.core.promote.PromotionJournal;
import io.imagegraph.core.promote.PromotionRecovery;
import io.imagegraph.core.promote.PromotionReport;
import io.imagegraph.core.promote.PromotionReportJson;
import io.imagegraph.core.promote.PromotionSource;
import io.imagegraph.core.promote.PromotionSources;
import io.imagegraph.core.promote.PromotionTarget;
import io.imagegraph.core.promote.Promoter;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.track.ConfiguredHolds;
import io.imagegraph.core.track.HeldImages;
import io.imagegraph.core.track.HoldEvent;
import io.imagegraph.core.track.IndexHolds;
import io.imagegraph.core.track.Holds;
import io.imagegraph.core.track.TagEvents;
import io.imagegraph.core.track.TagHistory;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A promotion as {@code imagegraph promote} and the {@code promoteImages} step run it: read the
 * run's build report and its test report (the one given, else {@code test-report.json} beside the
 * build report), refuse what the tests ({@link GateBlocks}), the holds given and the state's holds
 * block, first settle any earlier promotion the journal still holds for the same repositories,
 * promote, write {@code promotion-report.json} beside the build report and add the moves to the
 * tag history. {@link #recover} is {@code imagegraph promote --recover}.
 */
public final class PromotionRun {

    /**
     * What to promote.
     *
     * @param buildReport   the run's build-report.json
     * @param testReport    its test-report.json; empty: the one beside the build report, if there is one
     * @param fromTag       the run tag the images were tested under; empty: each image's first
     * @param tags          the tags to move
     * @param toRegistry    another registry to promote into
     * @param toNamespace   another namespace to promote into
     * @param holds         images that may not be promoted, with why
     * @param parallel      how many images at once
     * @param dryRun        show the moves, move nothing
     * @param allowUntested promote images that no passing test covers (never one that failed)
     */
    public record Request(Path buildReport, Optional<Path> testReport, Optional<String> fromTag, List<String> tags,
                          Optional<String> toRegistry, Optional<String> toNamespace, Map<String, String> holds,
                          int parallel, boolean dryRun, boolean allowUntested) {

        public Request {
            tags = List.copyOf(tags);
            holds = Map.copyOf(holds);
        }
    }

    /**
     * What the promotion did.
     *
     * @param runId          the build run promoted
     * @param report         every move, refusal and failure
     * @param historyProblem why the tag history could not be written, when it could not (the tags moved)
     * @param recovered      earlier promotions of the same repositories that were settled first
     */
    public record Outcome(String runId, PromotionReport report, Optional<String> historyProblem,
                          List<PromotionRecovery.Recovered> recovered) {

        public Outcome {
            recovered = List.copyOf(recovered);
        }

        public boolean succeeded() {
            return report.succeeded() && historyProblem.isEmpty();
        }
    }

    /** The registries of a run, given the registry the run's images are in. */
    @FunctionalInterface
    public interface RegistriesFor {
        Registries registries(String runRegistry) throws RegistryException;
    }

    private final RegistriesFor registries;
    private final StateDirectory state;
    private final ConfiguredHolds configuredHolds;
    private final Clock clock;
    private final List<io.imagegraph.core.quota.Quota> quotas;

    public PromotionRun(RegistriesFor registries, StateDirectory state, Clock clock) {
        this(registries, state, ConfiguredHolds.none(), clock);
    }

    /** @param configuredHolds digests held by configuration, besides the state's holds */
    public PromotionRun(RegistriesFor registries, StateDirectory state, ConfiguredHolds configuredHolds, Clock clock) {
        this.registries = registries;
        this.state = state;
        this.configuredHolds = configuredHolds;
        this.clock = clock;
        this.quotas = List.of();
    }

    private PromotionRun(PromotionRun run, List<io.imagegraph.core.quota.Quota> quotas) {
        this.registries = run.registries;
        this.state = run.state;
        this.configuredHolds = run.configuredHolds;
        this.clock = run.clock;
        this.quotas = List.copyOf(quotas);
    }

    /** The same promotion, refused before any tag moves where it would take a namespace or repository over its quota. */
    public PromotionRun withQuotas(List<io.imagegraph.core.quota.Quota> limits) {
        return new PromotionRun(this, limits);
    }

    public Outcome run(Request request)
            throws RunRequestException, RegistryException, IOException, InterruptedException {
        if (request.parallel() < 1) {
            throw new RunRequestException("parallel must be at least 1");
        }
        BuildReport build = read(() -> BuildReportReader.read(request.buildReport()));
        List<PromotionSource> sources;
        PromotionTarget target;
        try {
            sources = PromotionSources.of(build, request.fromTag());
            target = new PromotionTarget(request.tags(),
                    request.toRegistry().map(host -> RegistryHost.parse(host).value()),
                    request.toNamespace().map(namespace -> RepositoryName.of(namespace).value()));
        } catch (IllegalArgumentException e) {
            throw new RunRequestException(e.getMessage());
        }
        for (String image : request.holds().keySet()) {
            if (sources.stream().noneMatch(source -> source.image().equals(image))) {
                throw new RunRequestException("a hold names " + image + ", which is not an image of run "
                        + build.runId());
            }
        }
        List<LineageRecord> lineage;
        Map<String, String> blocked = new LinkedHashMap<>(request.holds());
        try {
            lineage = JsonLinesLineageStore.in(state).records();
            Map<String, HoldEvent> holds = IndexHolds.over(configuredHolds.over(Holds.in(state).active()), sources,
                    registries.registries(sources.get(0).from().registry()));
            HeldImages.of(holds, lineage).refusing(sources).forEach(blocked::putIfAbsent);
        } catch (IOException e) {
            throw new IOException("cannot read the holds in " + state.folder() + ": " + e.getMessage(), e);
        }
        Path beside = request.buildReport().resolveSibling(GateReportJson.FILE_NAME);
        Optional<Path> testReport = request.testReport().or(() -> Files.exists(beside) ? Optional.of(beside)
                : Optional.empty());
        Optional<GateReport> gate = testReport.isPresent()
                ? Optional.of(read(() -> GateReportJson.read(testReport.get()))) : Optional.empty();
        GateBlocks.of(gate, "no " + GateReportJson.FILE_NAME + " beside " + request.buildReport(), sources, lineage,
                request.allowUntested()).forEach(blocked::putIfAbsent);
        Registries runRegistries = registries.registries(sources.get(0).from().registry());
        PromotionQuotas.refusing(quotas, runRegistries, sources, target, TagHistory.in(state))
                .forEach(blocked::putIfAbsent);
        PromotionJournal journal = journal();
        Map<ImageLocation, String> imageAt = new LinkedHashMap<>();
        sources.forEach(source -> imageAt.putIfAbsent(target.locationFor(source.from()), source.image()));
        List<PromotionRecovery.Recovered> recovered = request.dryRun() ? List.of()
                : new PromotionRecovery(runRegistries, journal, request.parallel()).recover(imageAt::containsKey);
        Optional<String> historyProblem = record(recovered);
        pendingIn(journal, imageAt.keySet()).forEach((image, why) -> blocked.putIfAbsent(imageAt.get(image), why));
        Promoter promoter = new Promoter(runRegistries, request.parallel(), journal, build.runId(), clock);
        PromotionReport result = request.dryRun() ? promoter.dryRun(promoter.plan(sources, target, blocked))
                : promoter.promote(sources, target, blocked);
        if (!result.dryRun()) {
            try (Writer file = Files.newBufferedWriter(request.buildReport().resolveSibling(PromotionReportJson.FILE_NAME))) {
                PromotionReportJson.write(result, file);
            }
            try {
                TagHistory.in(state).record(TagEvents.ofPromotion(result, build.runId(), clock.instant()));
            } catch (IOException e) {
                historyProblem = Optional.of("the tags moved, but the tag history in " + state.folder()
                        + " could not be written: " + e.getMessage());
            }
        }
        return new Outcome(build.runId(), result, historyProblem, recovered);
    }

    /**
     * {@code imagegraph promote --recover}: settles every promotion the state's journal still
     * holds, whatever its repositories, and records in the tag history the tags it completed.
     */
    public Outcome recover(int parallel) throws RegistryException, IOException, InterruptedException {
        PromotionJournal journal = journal();
        List<PromotionRecovery.Recovered> recovered = new ArrayList<>();
        for (PromotionIntent intent : journal.open()) {
            if (!intent.tags().isEmpty()) {
                recovered.add(new PromotionRecovery(registries.registries(intent.tags().get(0).registry()), journal,
                        parallel).recover(intent));
            }
        }
        Optional<String> historyProblem = record(recovered);
        boolean settled = recovered.stream().allMatch(PromotionRecovery.Recovered::isSettled);
        PromotionReport summary = new PromotionReport(false, settled, List.of(), settled ? null
                : "some tags are still pending", recovered.stream().flatMap(r -> r.report().moves().stream()).toList());
        return new Outcome(null, summary, historyProblem, recovered);
    }

    private PromotionJournal journal() {
        return PromotionJournal.in(state, state.folder().toString());
    }

    /** For each target repository an open promotion still holds, why a new one must wait. */
    private static Map<ImageLocation, String> pendingIn(PromotionJournal journal, Set<ImageLocation> targets)
            throws IOException {
        Map<ImageLocation, String> pending = new LinkedHashMap<>();
        for (PromotionIntent intent : journal.open()) {
            for (IntendedTag tag : intent.tags()) {
                if (targets.contains(tag.location())) {
                    pending.putIfAbsent(tag.location(), tag.reference() + " is pending from the promotion of run "
                            + intent.runId() + " started " + intent.time() + ", which the registry did not let finish;"
                            + " run imagegraph promote --recover once it answers");
                }
            }
        }
        return pending;
    }

    /** Adds the tags a recovery completed to the tag history; a promotion it undid adds nothing. */
    private Optional<String> record(List<PromotionRecovery.Recovered> recovered) {
        try {
            for (PromotionRecovery.Recovered one : recovered) {
                TagHistory.in(state).record(TagEvents.ofPromotion(one.report(), one.intent().runId(), clock.instant()));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("the recovered tags are settled, but the tag history in " + state.folder()
                    + " could not be written: " + e.getMessage());
        }
    }

    /** A file read whose failure is a wrong request: the file is missing or not what it should be. */
    @FunctionalInterface
    private interface Read<T> {
        T read() throws IOException;
    }

    private static <T> T read(Read<T> read) throws RunRequestException {
        try {
            return read.read();
        } catch (IOException e) {
            throw new RunRequestException(e.getMessage());
        }
    }
}
