package io.imagegraph.core.run;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.BuildReportReader;
import io.imagegraph.core.gate.GateReport;
import io.imagegraph.core.gate.GateReportJson;
import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.promote.GateBlocks;
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
import io.imagegraph.core.track.Holds;
import io.imagegraph.core.track.TagEvents;
import io.imagegraph.core.track.TagHistory;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A promotion as {@code imagegraph promote} and the {@code promoteImages} step run it: read the
 * run's build report (and test report), refuse what the tests, the holds given and the state's
 * holds block, promote, write {@code promotion-report.json} beside the build report and add the
 * moves to the tag history.
 */
public final class PromotionRun {

    /**
     * What to promote.
     *
     * @param buildReport the run's build-report.json
     * @param testReport  its test-report.json, when the tests must have passed
     * @param fromTag     the run tag the images were tested under; empty: each image's first
     * @param tags        the tags to move
     * @param toRegistry  another registry to promote into
     * @param toNamespace another namespace to promote into
     * @param holds       images that may not be promoted, with why
     * @param parallel    how many images at once
     * @param dryRun      show the moves, move nothing
     */
    public record Request(Path buildReport, Optional<Path> testReport, Optional<String> fromTag, List<String> tags,
                          Optional<String> toRegistry, Optional<String> toNamespace, Map<String, String> holds,
                          int parallel, boolean dryRun) {

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
     */
    public record Outcome(String runId, PromotionReport report, Optional<String> historyProblem) {

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

    public PromotionRun(RegistriesFor registries, StateDirectory state, Clock clock) {
        this(registries, state, ConfiguredHolds.none(), clock);
    }

    /** @param configuredHolds digests held by configuration, besides the state's holds */
    public PromotionRun(RegistriesFor registries, StateDirectory state, ConfiguredHolds configuredHolds, Clock clock) {
        this.registries = registries;
        this.state = state;
        this.configuredHolds = configuredHolds;
        this.clock = clock;
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
        Map<String, String> blocked = new LinkedHashMap<>(request.holds());
        if (request.testReport().isPresent()) {
            GateReport gate = read(() -> GateReportJson.read(request.testReport().get()));
            GateBlocks.of(gate, sources).forEach(blocked::putIfAbsent);
        }
        try {
            HeldImages.of(configuredHolds.over(Holds.in(state).active()), JsonLinesLineageStore.in(state).records()).refusing(sources)
                    .forEach(blocked::putIfAbsent);
        } catch (IOException e) {
            throw new IOException("cannot read the holds in " + state.folder() + ": " + e.getMessage(), e);
        }
        Promoter promoter = new Promoter(registries.registries(sources.get(0).from().registry()), request.parallel());
        PromotionReport result = request.dryRun() ? promoter.dryRun(promoter.plan(sources, target, blocked))
                : promoter.promote(sources, target, blocked);
        Optional<String> historyProblem = Optional.empty();
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
        return new Outcome(build.runId(), result, historyProblem);
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
