package io.imagegraph.cli;

import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.promote.PromotionReportJson;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.run.PromotionRun;
import io.imagegraph.core.run.RunRequestException;
import io.imagegraph.core.state.StateDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "promote", 
        header = "Point release tags at exactly the tested digests, all or nothing.",
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Point release tags at exactly the digests a build pushed (and its tests ran against), registry side:"
                    + " no pull, no push through a daemon. Refuses when a run tag no longer points at the digest the"
                    + " report names (the image moved since it was tested) or an image is held (--hold, or a digest"
                    + " imagegraph held holds, or one it is built on).",
            "",
            "Tests: an image is promoted when its smoke tests passed at that digest, or when it has no test of its"
                    + " own and an image built on its exact digest passed; any other untested image, and every image"
                    + " of a run with no test report, needs --allow-untested. The test report is --tests, else the"
                    + " test-report.json beside the build report; a failed test always refuses.",
            "",
            "All or nothing: the images' content is copied or mounted first, the promotion is written to the"
                    + " journal in the state folder, then the tags move; after a failure every tag is read back and"
                    + " the tags are brought back to their old digests (or, when a tag that did not exist has moved,"
                    + " on to the new ones). What the registry does not let settle stays pending: --recover finishes"
                    + " it, and so does the next promotion or rollback of those repositories. The report gives each"
                    + " tag's old and new digest; each moved tag is added to the tag history (imagegraph history).",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  imagegraph promote --report .imagegraph/runs/<run>/build-report.json --to latest",
            "  imagegraph promote --report build-report.json --to latest --to 2026.2 --dry-run",
            "  imagegraph promote --report build-report.json --to 1.0 --to-namespace release -o json",
            "  imagegraph promote --report build-report.json --tests test-report.json --to latest",
            "  imagegraph promote --report build-report.json --to latest --hold keystone='CVE-2026-1234'",
            "  imagegraph promote --report build-report.json --to latest --allow-untested",
            "  imagegraph promote --recover --report build-report.json",
            "",
            "Exit codes: 0 promoted (or a dry run that could be, or --recover settled everything); 1 refused or"
                    + " failed (the last line says which tags are new, old or pending); 2 bad input."
        })
final class PromoteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--report", paramLabel = "FILE",
            description = "The build-report.json of the run whose images to promote (required but with --recover, where"
                    + " it names the state folder).")
    Path report;

    @Option(names = "--to", paramLabel = "TAG",
            description = "A tag to point at each tested digest (repeatable), such as latest or a release.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--from-tag", paramLabel = "TAG",
            description = "The run tag the images were tested under (default: each image's first run tag in the report).")
    String fromTag;

    @Option(names = "--to-namespace", paramLabel = "NAMESPACE",
            description = "Promote into this namespace instead (ci/keystone -> NAMESPACE/keystone); blobs are mounted.")
    String toNamespace;

    @Option(names = "--to-registry", paramLabel = "HOST[:PORT]",
            description = "Promote into this registry instead; blobs are copied.")
    String toRegistry;

    @Option(names = "--tests", paramLabel = "FILE",
            description = "The test-report.json of imagegraph test (default: the one beside the build report): an"
                    + " image that failed its tests, was tested at another digest or is missing refuses the promotion.")
    Path testReport;

    @Option(names = "--allow-untested",
            description = "Promote images that no passing smoke test covers (never one whose tests failed).")
    boolean allowUntested;

    @Option(names = "--recover",
            description = "Settle the promotions the state folder's journal still holds (cut short by a crash or a"
                    + " registry that stopped answering): each is read back and brought to all new or all old tags.")
    boolean recover;

    @Option(names = "--hold", paramLabel = "IMAGE=REASON",
            description = "An image that may not be promoted, and why (repeatable); the whole promotion is refused.")
    Map<String, String> holds = new LinkedHashMap<>();

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "8",
            description = "How many images are read, copied or moved at once. Default: ${DEFAULT-VALUE}.")
    int parallel;

    @Option(names = "--dry-run", description = "Show the moves, with each tag's current digest; move nothing.")
    boolean dryRun;

    @Mixin
    RegistryOptions registryOptions;

    @Mixin
    StateOption stateOption;

    @Mixin
    ReportFormatOption output;

    @Mixin
    ProvenanceOptions provenance;

    @Option(names = {"-d", "--dir"}, paramLabel = "DIR",
            description = "A graph root whose graph file's quotas the promotion keeps: a promotion that would take a"
                    + " namespace or repository over its quota is refused before any tag moves.")
    Path quotaGraph;

    @Override
    public Integer call() throws BadInputException, IOException, InterruptedException, RegistryException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean json = output.json("promote");
        if (recover) {
            return recover(out, err, json);
        }
        if (report == null || tags.isEmpty()) {
            throw new BadInputException("give --report with the run's build-report.json and at least one --to tag"
                    + " (or --recover to settle an earlier promotion)");
        }
        if (!provenance.allowPromotion(report, stateOption, registryOptions, err)) {
            return ExitCodes.FAILED;
        }
        PromotionRun.Outcome outcome;
        try {
            outcome = promotion(stateOption.ofRun(report)).run(new PromotionRun.Request(report,
                    Optional.ofNullable(testReport), Optional.ofNullable(fromTag), tags, Optional.ofNullable(toRegistry),
                    Optional.ofNullable(toNamespace), holds, parallel, dryRun, allowUntested));
        } catch (RunRequestException e) {
            throw new BadInputException(e.getMessage());
        }
        if (outcome.succeeded() && !dryRun) {
            provenance.copyAttestations(report, outcome.report(), registryOptions, err);
        }
        return print(outcome, out, err, json);
    }

    private PromotionRun promotion(StateDirectory state) throws BadInputException {
        PromotionRun run = new PromotionRun(runRegistry -> registryOptions.registries(new LocalProcessRunner(), runRegistry),
                state, Clock.systemUTC());
        if (quotaGraph == null) {
            return run;
        }
        try {
            return run.withQuotas(io.imagegraph.core.run.PlanRun.load(quotaGraph,
                    io.imagegraph.core.graph.LoadOptions.defaults()).graph().quotas());
        } catch (io.imagegraph.core.run.RunRequestException e) {
            throw new BadInputException("--dir " + quotaGraph + ": " + e.getMessage());
        }
    }

    private int recover(PrintWriter out, PrintWriter err, boolean json)
            throws BadInputException, IOException, InterruptedException, RegistryException {
        if (!tags.isEmpty() || dryRun || testReport != null || !holds.isEmpty() || allowUntested) {
            throw new BadInputException("--recover settles what the journal holds; give it with --report or --state"
                    + " only, not with --to, --tests, --hold, --allow-untested or --dry-run");
        }
        StateDirectory state = report != null ? stateOption.ofRun(report) : stateOption.existing();
        PromotionRun.Outcome outcome = promotion(state).recover(parallel);
        if (!json && outcome.recovered().isEmpty()) {
            out.println("Nothing to recover: the promotion journal in " + state.folder() + " holds no promotion.");
            out.flush();
            return ExitCodes.OK;
        }
        return print(outcome, out, err, json);
    }

    private static int print(PromotionRun.Outcome outcome, PrintWriter out, PrintWriter err, boolean json)
            throws IOException {
        outcome.historyProblem().ifPresent(problem -> err.println("imagegraph: " + problem));
        err.flush();
        if (json) {
            PromotionReportJson.write(outcome.report(), out);
        } else {
            out.print(PromotionTable.render(outcome));
        }
        out.flush();
        return outcome.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
