package io.imagegraph.cli;

import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.promote.PromotionReportJson;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.run.PromotionRun;
import io.imagegraph.core.run.RunRequestException;
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
                    + " imagegraph held holds, or one it is built on). All or nothing: the"
                    + " images' content is copied or mounted first, then the tags move; when a move fails, every"
                    + " tag already moved goes back to its previous digest. The report gives each tag's old and new"
                    + " digest. Each moved tag is added to the tag history (imagegraph history).",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  imagegraph promote --report .imagegraph/runs/<run>/build-report.json --to latest",
            "  imagegraph promote --report build-report.json --to latest --to 2026.2 --dry-run",
            "  imagegraph promote --report build-report.json --to 1.0 --to-namespace release -o json",
            "  imagegraph promote --report build-report.json --tests test-report.json --to latest",
            "  imagegraph promote --report build-report.json --to latest --hold keystone='CVE-2026-1234'",
            "",
            "Exit codes: 0 promoted (or a dry run that could be); 1 refused or failed (nothing left moved);"
                    + " 2 bad input."
        })
final class PromoteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--report", paramLabel = "FILE", required = true,
            description = "The build-report.json of the run whose images to promote.")
    Path report;

    @Option(names = "--to", paramLabel = "TAG", required = true,
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
            description = "The test-report.json of imagegraph test: an image that failed its tests, or was tested at"
                    + " another digest, refuses the promotion.")
    Path testReport;

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

    @Override
    public Integer call() throws BadInputException, IOException, InterruptedException, RegistryException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean json = output.json("promote");
        PromotionRun.Outcome outcome;
        try {
            outcome = new PromotionRun(runRegistry -> registryOptions.registries(new LocalProcessRunner(), runRegistry),
                    stateOption.forReport(report), Clock.systemUTC()).run(new PromotionRun.Request(report,
                    Optional.ofNullable(testReport), Optional.ofNullable(fromTag), tags, Optional.ofNullable(toRegistry),
                    Optional.ofNullable(toNamespace), holds, parallel, dryRun));
        } catch (RunRequestException e) {
            throw new BadInputException(e.getMessage());
        }
        outcome.historyProblem().ifPresent(problem -> err.println("imagegraph: " + problem));
        err.flush();
        if (json) {
            PromotionReportJson.write(outcome.report(), out);
        } else {
            out.print(PromotionTable.render(outcome.report()));
        }
        out.flush();
        return outcome.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
