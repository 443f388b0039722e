package io.imagegraph.cli;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.files.JsonDocuments;
import io.imagegraph.core.report.NodeStatus;
import io.imagegraph.core.report.ReportNode;
import io.imagegraph.core.report.LineageView;
import io.imagegraph.core.run.LineageRun;
import io.imagegraph.core.run.RunRequestException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", 
        header = "Draw a run's lineage as an HTML page and SVG.",
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Draw a run's lineage: every image of the run with its digest and status (built, reused, failed, parent"
                    + " failed, gated, promoted, held) by colour and in words, the external bases it was built on"
                    + " with the digests the run pinned, and an arrow from each parent to each child. Writes a"
                    + " self-contained HTML page (the picture with zoom, a sortable table, each image's details: tags,"
                    + " digests, bases, durations, smoke tests, promotions, log excerpt; nothing is fetched from the"
                    + " network) and, with --svg, the picture alone.",
            "",
            "The run's test-report.json and promotion-report.json are read when they are beside its"
                    + " build-report.json (or given); holds and lineage come from the state folder.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  imagegraph report --dir . --report .imagegraph/runs/<run>/build-report.json",
            "  imagegraph report --dir . --report build-report.json --out lineage.html --svg lineage.svg",
            "",
            "Exit codes: 0 written; 1 a file could not be written; 2 bad input."
        })
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GraphOptions graphOptions;

    @Option(names = "--report", paramLabel = "FILE", required = true, description = "The build-report.json of the run.")
    Path report;

    @Option(names = "--tests", paramLabel = "FILE",
            description = "The run's test-report.json (default: the one beside the build report, if any).")
    Path tests;

    @Option(names = "--promotion", paramLabel = "FILE",
            description = "The run's promotion-report.json (default: the one beside the build report, if any).")
    Path promotion;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where the HTML page goes (default: lineage.html beside the build report).")
    Path out;

    @Option(names = "--svg", paramLabel = "FILE", description = "Also write the picture alone as SVG here.")
    Path svg;

    @Mixin
    StateOption stateOption;

    @Mixin
    ReportFormatOption output;

    @Mixin
    ReportProvenance provenance;

    @Mixin
    RegistryOptions registryOptions;

    @Override
    public Integer call() throws BadInputException, IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        boolean json = output.json("report");
        ImageGraph graph = graphOptions.load(spec.commandLine().getErr()).graph();
        LineageRun.Outcome drawn;
        try {
            drawn = LineageRun.run(graph, new LineageRun.Request(report, Optional.ofNullable(tests),
                    Optional.ofNullable(promotion), Optional.ofNullable(out), Optional.ofNullable(svg)),
                    stateOption.forReport(report));
        } catch (RunRequestException e) {
            throw new BadInputException(e.getMessage());
        }
        provenance.annotate(report, drawn, stateOption.forReport(report), registryOptions);
        LineageView view = drawn.view();
        Path html = drawn.html();
        if (json) {
            JsonDocuments.write(stdout, generator -> {
                generator.writeStringField("runId", view.runId());
                generator.writeStringField("html", html.toString());
                generator.writeStringField("svg", svg == null ? null : svg.toString());
                generator.writeObjectFieldStart("statuses");
                for (ReportNode node : view.nodes()) {
                    generator.writeStringField(node.id(), node.statuses().stream().map(NodeStatus::id)
                            .collect(java.util.stream.Collectors.joining(" ")));
                }
                generator.writeEndObject();
            });
        } else {
            stdout.println("Lineage of run " + view.runId() + ": " + html);
            if (svg != null) {
                stdout.println("Picture: " + svg);
            }
        }
        stdout.flush();
        return ExitCodes.OK;
    }
}
