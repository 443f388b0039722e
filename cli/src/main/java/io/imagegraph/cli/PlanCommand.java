package io.imagegraph.cli;

import io.imagegraph.core.build.PlanFreshness;
import io.imagegraph.core.graph.BuildSettings;
import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.lineage.LineageStore;
import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.plan.PlanDot;
import io.imagegraph.core.plan.PlanJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "plan", 
        header = "Show the image graph and what a build would do.",
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Find the image graph, validate it, and show what a build would do: every image in dependency"
                    + " order with its parents, its input digest, and whether it is selected and affected by the"
                    + " changes.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  imagegraph plan --dir examples/openstack",
            "  imagegraph plan --dir . --profile core --with-parents",
            "  imagegraph plan --changed-from origin/main --format json",
            "  imagegraph plan --format dot | dot -Tsvg > graph.svg",
            "  imagegraph plan --refresh-older-than 24h",
            "",
            "Exit codes: 0 planned; 2 bad input (the messages say what to fix); 1 anything else."
        })
final class PlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PlanOptions planOptions;

    @Option(names = {"-o", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (a table), json (for machines) or dot (Graphviz). Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Option(names = "--refresh-older-than", paramLabel = "DURATION",
            description = "Show as 'build (refresh)' every image whose newest build (in the lineage) is older than"
                    + " DURATION (30m, 24h, 2d, PT12H), as build --refresh-older-than rebuilds it, over the graph"
                    + " file's freshness.")
    String refreshOlderThan;

    @Option(names = "--lineage", paramLabel = "FILE",
            description = "The lineage store whose build times the freshness check reads (default: lineage.jsonl in"
                    + " the --state folder).")
    Path lineageFile;

    @Override
    public Integer call() throws BadInputException, IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Duration> refresh;
        try {
            refresh = Optional.ofNullable(refreshOlderThan).map(BuildSettings::parseFreshness);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--refresh-older-than: " + e.getMessage());
        }
        Plan plan = planOptions.plan(err);
        LineageStore lineage = lineageFile != null ? new JsonLinesLineageStore(lineageFile)
                : JsonLinesLineageStore.in(planOptions.state.forGraph(plan.graph().root()));
        Map<String, String> refreshed = PlanFreshness.reasons(plan, lineage.recent(), refresh, Instant.now());
        switch (format) {
            case json -> PlanJson.write(plan, refreshed, out);
            case dot -> out.print(PlanDot.write(plan));
            default -> out.print(PlanTable.render(plan, refreshed));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
