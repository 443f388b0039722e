package io.imagegraph.cli;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.BuildReportReader;
import io.imagegraph.core.gate.GateReport;
import io.imagegraph.core.gate.GateReportJson;
import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.track.HeldImages;
import io.imagegraph.core.track.Holds;
import io.imagegraph.core.track.TagEvents;
import io.imagegraph.core.track.TagHistory;
import java.time.Instant;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.promote.GateBlocks;
import io.imagegraph.core.promote.PromotionReport;
import io.imagegraph.core.promote.PromotionReportJson;
import io.imagegraph.core.promote.PromotionSource;
import io.imagegraph.core.promote.PromotionSources;
import io.imagegraph.core.promote.PromotionTarget;
import io.imagegraph.core.promote.Promoter;
import io.imagegraph.core.ref.InvalidReferenceException;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.RegistryException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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
    public Integer call() throws BadInputException, IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean json = output.json("promote");
        if (parallel < 1) {
            throw new BadInputException("--parallel must be at least 1");
        }
        BuildReport build;
        try {
            build = BuildReportReader.read(report);
        } catch (IOException e) {
            throw new BadInputException(e.getMessage());
        }
        List<PromotionSource> sources;
        PromotionTarget target;
        try {
            sources = PromotionSources.of(build, Optional.ofNullable(fromTag));
            Optional<String> registry = Optional.ofNullable(toRegistry).map(host -> RegistryHost.parse(host).value());
            Optional<String> namespace = Optional.ofNullable(toNamespace).map(ns -> RepositoryName.of(ns).value());
            target = new PromotionTarget(tags, registry, namespace);
        } catch (InvalidReferenceException e) {
            throw new BadInputException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        for (String image : holds.keySet()) {
            if (sources.stream().noneMatch(source -> source.image().equals(image))) {
                throw new BadInputException("--hold names " + image + ", which is not an image of run " + build.runId());
            }
        }
        Map<String, String> blocked = new LinkedHashMap<>(holds);
        if (testReport != null) {
            GateReport gate;
            try {
                gate = GateReportJson.read(testReport);
            } catch (IOException e) {
                throw new BadInputException(e.getMessage());
            }
            GateBlocks.of(gate, sources).forEach(blocked::putIfAbsent);
        }
        StateDirectory state = stateOption.forReport(report);
        try {
            HeldImages.of(Holds.in(state).active(), JsonLinesLineageStore.in(state).records()).refusing(sources)
                    .forEach(blocked::putIfAbsent);
        } catch (IOException e) {
            err.println("imagegraph: cannot read the holds in " + state.folder() + ": " + e.getMessage());
            err.flush();
            return ExitCodes.FAILED;
        }
        PromotionReport result;
        try {
            Registries registries = registryOptions.registries(new LocalProcessRunner(),
                    sources.get(0).from().registry());
            Promoter promoter = new Promoter(registries, parallel);
            result = dryRun ? promoter.dryRun(promoter.plan(sources, target, blocked))
                    : promoter.promote(sources, target, blocked);
        } catch (RegistryException e) {
            err.println("imagegraph: " + e.getMessage());
            err.flush();
            return ExitCodes.FAILED;
        }
        boolean recorded = true;
        if (!result.dryRun()) {
            try {
                TagHistory.in(state).record(TagEvents.ofPromotion(result, build.runId(), Instant.now()));
            } catch (IOException e) {
                err.println("imagegraph: the tags moved, but the tag history in " + state.folder()
                        + " could not be written: " + e.getMessage());
                err.flush();
                recorded = false;
            }
        }
        if (!result.dryRun()) {
            try (java.io.Writer file = java.nio.file.Files.newBufferedWriter(
                    report.resolveSibling(PromotionReportJson.FILE_NAME))) {
                PromotionReportJson.write(result, file);
            }
        }
        if (json) {
            PromotionReportJson.write(result, out);
        } else {
            out.print(PromotionTable.render(result));
        }
        out.flush();
        return result.succeeded() && recorded ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
