package io.imagegraph.core.pipeline;

import io.imagegraph.core.access.RegistryRefusals;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.graph.LoadOptions;
import io.imagegraph.core.build.BuildReportReader;
import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.promote.PromotionReport;
import io.imagegraph.core.provenance.ProvenanceRequirement;
import io.imagegraph.core.provenance.VerificationKey;
import io.imagegraph.core.promote.PromotionReportJson;
import io.imagegraph.core.quota.ConfiguredQuotas;
import io.imagegraph.core.quota.Quota;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.run.PipelineValues;
import io.imagegraph.core.run.PlanRun;
import io.imagegraph.core.run.PromotionRun;
import io.imagegraph.core.run.RunRequestException;
import io.imagegraph.core.run.RunStateFolder;
import io.imagegraph.core.run.RunSummary;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.track.ConfiguredHolds;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code promoteImages} step's work on the agent: the run's tested digests moved to the
 * promotion tags, registry side, all or nothing, refused for what failed its tests or is held,
 * by the same {@link PromotionRun} as {@code imagegraph promote}: the test report beside the
 * build report, the untested rule of {@link io.imagegraph.core.promote.GateBlocks}, and the state
 * folder the build report recorded.
 */
public final class PromotionWork {

    /**
     * What to promote.
     *
     * @param root         the graph root on the agent
     * @param load         how to read the graph
     * @param buildReport  the run's build-report.json
     * @param requireTests refuse images no passing smoke test covers ({@link io.imagegraph.core.promote.GateBlocks});
     *                     false is the CLI's {@code --allow-untested}: a failed test still refuses
     * @param fromTag      the run tag the images were tested under; empty: each image's first
     * @param tags         the tags to move
     * @param toRegistry   another registry to promote into
     * @param toNamespace  another namespace (repository prefix) to promote into
     * @param parallel     how many images at once
     * @param dryRun       show the moves, move nothing
     * @param provenanceKey with a key, refuse the promotion unless every image carries an attestation signed
     *                     with it that verifies ({@link ProvenanceRequirement}, as {@code --require-provenance})
     * @param requireGateAttestation with {@code provenanceKey}, also require a signed gate attestation that passed
     */
    public record Request(Path root, LoadOptions load, Path buildReport, boolean requireTests, Optional<String> fromTag,
                          List<String> tags, Optional<String> toRegistry, Optional<String> toNamespace, int parallel,
                          boolean dryRun, Optional<VerificationKey> provenanceKey, boolean requireGateAttestation) {

        public Request {
            tags = List.copyOf(tags);
        }

        /** A request that does not require provenance. */
        public Request(Path root, LoadOptions load, Path buildReport, boolean requireTests, Optional<String> fromTag,
                       List<String> tags, Optional<String> toRegistry, Optional<String> toNamespace, int parallel,
                       boolean dryRun) {
            this(root, load, buildReport, requireTests, fromTag, tags, toRegistry, toNamespace, parallel, dryRun,
                    Optional.empty(), false);
        }
    }

    private final StepEnvironment environment;
    private final ConfiguredHolds holds;
    private final Clock clock;
    private final RegistryRefusals refusals;
    private final List<Quota> configuredQuotas;

    public PromotionWork(StepEnvironment environment, ConfiguredHolds holds, Clock clock) {
        this(environment, holds, clock, RegistryRefusals.none(), List.of());
    }

    private PromotionWork(StepEnvironment environment, ConfiguredHolds holds, Clock clock, RegistryRefusals refusals,
                          List<Quota> configuredQuotas) {
        this.environment = environment;
        this.holds = holds;
        this.clock = clock;
        this.refusals = refusals;
        this.configuredQuotas = List.copyOf(configuredQuotas);
    }

    /**
     * The same promotion, refused before any tag moves when it would promote into a registry the
     * job may not use, and holding to these quotas besides the graph file's.
     *
     * @param quotas the quotas of the configuration (global and the job's folders)
     */
    public PromotionWork withAccess(RegistryRefusals refused, List<Quota> quotas) {
        return new PromotionWork(environment, holds, clock, refused, quotas);
    }

    /**
     * Promotes. When interrupted (the step was stopped), the promotion stops where it is: the
     * report of what was moved is still written when there is one, and the record says the step
     * was stopped ({@link StepRecord#stopped}), so Jenkins records the partial result and shows it
     * as aborted. A stop before the tags were moved leaves every tag where it was.
     */
    public StepRecord run(Request request)
            throws RunRequestException, RegistryException, IOException, InterruptedException {
        if (request.tags().isEmpty()) {
            throw new RunRequestException("give the tags to promote to, such as to: ['latest']");
        }
        ImageGraph graph = PlanRun.load(request.root(), request.load()).graph();
        refusals.check(request.toRegistry().or(graph::registry));
        StateDirectory state = RunStateFolder.of(request.buildReport(),
                Optional.of(environment.state(request.root()).folder()), Map.of());
        if (request.provenanceKey().isPresent()) {
            ProvenanceRequirement.Decision decision = new ProvenanceRequirement(environment.registries(),
                    request.provenanceKey().get(), request.requireGateAttestation())
                    .check(BuildReportReader.read(request.buildReport()),
                            state.folder().resolve(JsonLinesLineageStore.FILE_NAME));
            if (!decision.allowed()) {
                return StepRecord.ofRun(false, Optional.of(notProvenanced(decision)), PipelineValues.ofJson("{}"),
                        graph, request.buildReport(), state, holds, List.of());
            }
        }
        PromotionRun.Outcome outcome;
        try {
            outcome = new PromotionRun(host -> environment.registries(), state, holds, clock)
                    .withQuotas(ConfiguredQuotas.joined(graph.quotas(), configuredQuotas)).run(new PromotionRun.Request(request.buildReport(), Optional.empty(),
                            request.fromTag(), request.tags(), request.toRegistry(), request.toNamespace(), Map.of(),
                            request.parallel(), request.dryRun(), !request.requireTests()));
        } catch (InterruptedException e) {
            return StepRecord.ofRun(false, Optional.empty(), PipelineValues.ofJson("{}"), graph,
                    request.buildReport(), state, holds, List.of()).stopped(stoppedBeforeReport(request));
        }
        // Cleared, so that the report can still be written and drawn (interruptible file channels close).
        boolean stopped = Thread.interrupted();
        StringWriter json = new StringWriter();
        PromotionReportJson.write(outcome.report(), json);
        Optional<String> failure = outcome.succeeded() ? Optional.empty()
                : Optional.of(outcome.historyProblem().orElse(RunSummary.ofPromotion(outcome.report())));
        StepRecord record = StepRecord.ofRun(outcome.succeeded(), failure, PipelineValues.ofJson(json.toString()),
                graph, request.buildReport(), state, holds, List.of());
        if (stopped) {
            return record.stopped(stoppedReason(outcome.report()));
        }
        return request.dryRun() ? record.withSummaryLine(RunSummary.ofPromotion(outcome.report())) : record;
    }

    /** Why requireProvenance refused the promotion, before a tag moved. */
    static String notProvenanced(ProvenanceRequirement.Decision decision) {
        return "not promoted: requireProvenance refuses images without a verified attestation; no tag was moved: "
                + String.join("; ", decision.refusals());
    }

    /** A stop before the promotion had a report: while it planned or copied, before a tag was moved. */
    static String stoppedBeforeReport(Request request) {
        return "promoteImages was stopped before it moved a tag; " + String.join(", ", request.tags())
                + " stay where they were (run the promotion again)";
    }

    /** What a stop left, from the report of the stopped promotion. */
    static String stoppedReason(PromotionReport report) {
        return "promoteImages was stopped; " + report.newTags().size() + " of " + report.moves().size()
                + (report.moves().size() == 1 ? " tag is" : " tags are") + " at the tested digest, "
                + report.pendingTags().size() + " pending (imagegraph promote --recover finishes them): "
                + report.conclusion();
    }
}
