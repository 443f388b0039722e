package io.imagegraph.cli;

import io.imagegraph.core.files.JsonDocuments;
import io.imagegraph.core.graph.GraphFileException;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.mutate.EnvironmentMutations;
import io.imagegraph.core.mutate.Mutation;
import io.imagegraph.core.mutate.MutationResult;
import io.imagegraph.core.mutate.MutationRun;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.state.StateDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "mutate",
        header = "Re-publish followed images with other metadata, without a build.",
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Apply the graph file's mutations: for each, read the image its 'from' tag points at now, write a"
                    + " new image config with the overrides (env, ports, labels, entrypoint, cmd, user, workingDir)"
                    + " and a new manifest naming the very same layers, and put it under 'to' — registry side,"
                    + " no pull, no layer pushed (layers are mounted from the upstream repository in the same"
                    + " registry; from another registry they are copied). An index is mutated platform by platform.",
            "",
            "The same upstream digest with the same overrides always gives the same digest: a mutation already"
                    + " applied is 'unchanged'. Each moved tag goes into the tag history (rollback can put it back)"
                    + " and each overridden image into the lineage, built on the upstream digest, so a hold on the"
                    + " upstream digest blocks it. 'imagegraph watch' and 'imagegraph webhook' reapply a mutation"
                    + " when its upstream moves.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  imagegraph mutate --dir .",
            "  imagegraph mutate --dir . --overrides prod-overrides.yaml keystone-prod",
            "  imagegraph mutate --dir . --dry-run -o json",
            "",
            "Exit codes: 0 every mutation applied or unchanged; 1 a mutation failed (the others are applied);"
                    + " 2 bad input."
        })
final class MutateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GraphOptions graphOptions;

    @Parameters(paramLabel = "NAME", arity = "0..*",
            description = "Only these mutations (by their name in the graph file). Default: all.")
    List<String> names = new ArrayList<>();

    @Option(names = "--overrides", paramLabel = "FILE",
            description = "An environment's overrides file (only a 'mutations' section) laid over the graph file's:"
                    + " an entry of the same name keeps from and to unless it gives its own, its overrides win key"
                    + " by key; a new name is a new mutation.")
    Path overrides;

    @Option(names = "--dry-run", description = "Say which digest each 'to' would get; write nothing.")
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
        boolean json = output.json("mutate");
        ImageGraph graph = graphOptions.load(err).graph();
        Map<String, Mutation> mutations = graph.mutations();
        if (overrides != null) {
            try {
                mutations = EnvironmentMutations.over(mutations, overrides);
            } catch (GraphFileException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        List<Mutation> chosen = MutationSelection.of(mutations, names, graph.graphFileName());
        StateDirectory state = stateOption.forGraph(graph.root());
        MutationRun run = MutationFollowing.run(registryOptions, state);
        List<MutationResult> results = run.apply(chosen, dryRun, MutationFollowing.runId(), result -> {
            if (!json) {
                err.println("imagegraph: " + result.name() + " " + result.status());
                err.flush();
            }
        });
        print(out, json, results);
        return results.stream().anyMatch(r -> r.status() == MutationResult.Status.FAILED) ? ExitCodes.FAILED
                : ExitCodes.OK;
    }

    static void print(PrintWriter out, boolean json, List<MutationResult> results) throws IOException {
        if (json) {
            JsonDocuments.write(out, generator -> MutationFollowing.writeJson(generator, results));
        } else {
            out.print(MutationTable.of(results));
        }
        out.flush();
    }
}
