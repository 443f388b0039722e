package io.imagegraph.cli;

import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.plan.PlanDot;
import io.imagegraph.core.plan.PlanJson;
import java.io.IOException;
import java.io.PrintWriter;
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

    @Override
    public Integer call() throws BadInputException, IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Plan plan = planOptions.plan(err);
        switch (format) {
            case json -> PlanJson.write(plan, out);
            case dot -> out.print(PlanDot.write(plan));
            default -> out.print(PlanTable.render(plan));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
