package io.imagegraph.cli;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.promote.ImageLocation;
import io.imagegraph.core.quota.KnownRepositories;
import io.imagegraph.core.quota.QuotaSuggestion;
import io.imagegraph.core.quota.QuotaUsage;
import io.imagegraph.core.quota.StorageUsage;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.retention.RetentionPolicy;
import io.imagegraph.core.run.PruneReportJson;
import io.imagegraph.core.run.PruneRun;
import io.imagegraph.core.run.RunRequestException;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.track.Retention;
import io.imagegraph.core.track.TagHistory;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "prune", 
        header = "Keep repositories to the retention policy (dry run by default).",
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Keep each repository of the graph to its retention policy (graph file 'retention', or the options):"
                    + " a version (a digest, with every tag on it) is kept when a recorded deployment runs it"
                    + " (imagegraph deployed), a protected tag points at it, it is among the newest 'keep', it is"
                    + " younger than 'minAge', or its age is unknown. Reports each repository's unique blob bytes"
                    + " and what deleting would free once the registry collects garbage.",
            "",
            "A dry run unless --confirm: then the other versions are deleted through the registry API (a"
                    + " manifest delete by digest, which removes every tag on it).",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  imagegraph prune --dir . --registry quay.io",
            "  imagegraph prune --dir . --registry quay.io --keep 5 --min-age 14d --confirm",
            "  imagegraph prune --repository quay.io/acme/keystone --protect 'latest' --protect 'stable-.*' -o json",
            "",
            "Exit codes: 0 planned (or deleted); 1 a registry failed or a deletion failed; 2 bad input."
        })
final class PruneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GraphOptions graphOptions;

    @Option(names = "--registry", paramLabel = "HOST[:PORT]",
            description = "The registry of the graph's repositories (default: the graph file's registry).")
    String registry;

    @Option(names = "--repository", paramLabel = "REGISTRY/REPOSITORY",
            description = "A repository to prune instead of the graph's (repeatable).")
    List<String> repositories = new ArrayList<>();

    @Option(names = "--keep", paramLabel = "N", description = "Keep the newest N versions (default: the policy's).")
    Integer keep;

    @Option(names = "--min-age", paramLabel = "AGE", description = "Keep versions younger than this: 7d, 36h.")
    String minAge;

    @Option(names = "--protect", paramLabel = "REGEX",
            description = "Keep versions a tag matching this points at (repeatable; replaces the policy's list).")
    List<String> protect = new ArrayList<>();

    @Option(names = "--confirm", description = "Delete the versions the policy lets go (default: only show them).")
    boolean confirm;

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
        boolean json = output.json("prune");
        RetentionPolicy base = RetentionPolicy.defaults();
        List<ImageLocation> locations;
        StateDirectory state;
        PruneRun.Outcome outcome;
        List<QuotaUsage> quotas = List.of();
        try {
            if (repositories.isEmpty()) {
                ImageGraph graph = graphOptions.load(err).graph();
                quotas = usage(graph);
                base = graph.retention();
                locations = PruneRun.repositoriesOf(graph, Optional.ofNullable(registry));
                state = stateOption.forGraph(graph.root());
            } else {
                locations = PruneRun.repositories(repositories);
                // deleting with an empty stand-in would not see the recorded deployments
                state = confirm ? stateOption.existing() : stateOption.standalone();
            }
            RetentionPolicy policy = PruneRun.policy(base, Optional.ofNullable(keep), Optional.ofNullable(minAge),
                    protect);
            PruneRun run = new PruneRun(registryOptions.registries(new LocalProcessRunner(),
                    locations.isEmpty() ? null : locations.get(0).registry()), state, Clock.systemUTC());
            outcome = run.run(locations, policy, confirm);
        } catch (RunRequestException e) {
            throw new BadInputException(e.getMessage());
        }
        List<QuotaSuggestion> suggestions = QuotaSuggestion.of(quotas, outcome.plans());
        if (json) {
            PruneReportJson.write(outcome, suggestions, out);
        } else {
            writeText(outcome, out);
            suggestions.forEach(suggestion -> out.println(suggestion.describe()));
        }
        out.flush();
        outcome.failures().forEach(f -> err.println("imagegraph: could not delete " + f.digest() + ": " + f.error()));
        err.flush();
        return outcome.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** What counts against each quota of the graph file now, before anything is deleted. */
    private List<QuotaUsage> usage(ImageGraph graph) throws RegistryException, InterruptedException, IOException {
        if (graph.quotas().isEmpty()) {
            return List.of();
        }
        return new StorageUsage(registryOptions.registries(new LocalProcessRunner(), null)).usage(graph.quotas(),
                KnownRepositories.of(graph.quotas(), graph,
                        TagHistory.in(stateOption.forGraph(graph.root())).repositories().keySet(), List.of()));
    }

    private void writeText(PruneRun.Outcome outcome, PrintWriter out) {
        TextTable table = new TextTable("REPOSITORY", "DIGEST", "TAGS", "CREATED", "DECISION", "REASON");
        long unique = 0;
        long freed = 0;
        for (Retention.RepositoryPlan plan : outcome.plans()) {
            for (Retention.Version version : plan.versions()) {
                table.row(plan.repository().toString(), version.digest().substring(7, 19), String.join(",", version.tags()),
                        version.created().map(Object::toString).orElse("?"), version.decision().id(), version.reason());
            }
            unique += plan.uniqueBytes();
            freed += plan.freedBytes();
        }
        out.print(table.render());
        out.println(outcome.plans().size() + " repositories, " + mib(unique) + " of unique blobs; "
                + (confirm ? outcome.deletions() + " versions deleted" : outcome.deletions() + " versions would be deleted")
                + ", freeing " + mib(freed) + " once the registry collects garbage."
                + (confirm ? "" : " Dry run: give --confirm to delete."));
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
