package io.imagegraph.cli;

import io.imagegraph.core.files.JsonDocuments;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.promote.ImageLocation;
import io.imagegraph.core.ref.ImageRef;
import io.imagegraph.core.ref.InvalidReferenceException;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.retention.RetentionPolicy;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.track.Deployments;
import io.imagegraph.core.track.Retention;
import io.imagegraph.core.track.TagHistory;
import io.imagegraph.core.upstream.UpstreamSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
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
        List<ImageLocation> locations = new ArrayList<>();
        StateDirectory state;
        try {
            if (repositories.isEmpty()) {
                ImageGraph graph = graphOptions.load(err).graph();
                base = graph.retention();
                Optional<String> host = Optional.ofNullable(registry).map(h -> RegistryHost.parse(h).value())
                        .or(graph::registry);
                if (host.isEmpty()) {
                    throw new BadInputException("the graph names no registry; give --registry");
                }
                locations.addAll(ImageLocation.ofGraph(graph, host.get()));
                state = stateOption.forGraph(graph.root());
            } else {
                for (String repository : repositories) {
                    ImageRef ref = ImageRef.parse(repository);
                    if (ref.registry().isEmpty() || ref.tag().isPresent() || ref.digest().isPresent()) {
                        throw new BadInputException("--repository takes REGISTRY/REPOSITORY without tag, not " + repository);
                    }
                    locations.add(new ImageLocation(ref.registry().get(), ref.repository()));
                }
                state = stateOption.standalone();
            }
        } catch (InvalidReferenceException e) {
            throw new BadInputException(e.getMessage());
        }
        RetentionPolicy policy = policy(base);
        List<Retention.RepositoryPlan> plans = new ArrayList<>();
        List<Retention.Deletion> failures = new ArrayList<>();
        Retention retention = new Retention(registryOptions.registries(new LocalProcessRunner(),
                locations.isEmpty() ? null : locations.get(0).registry()), TagHistory.in(state),
                Deployments.in(state), Clock.systemUTC());
        for (ImageLocation location : locations) {
            Retention.RepositoryPlan plan = retention.plan(location, policy);
            plans.add(plan);
            if (confirm) {
                retention.apply(plan).stream().filter(d -> d.error() != null).forEach(failures::add);
            }
        }
        if (json) {
            writeJson(plans, failures, out);
        } else {
            writeText(plans, failures, out);
        }
        out.flush();
        failures.forEach(f -> err.println("imagegraph: could not delete " + f.digest() + ": " + f.error()));
        err.flush();
        return failures.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private RetentionPolicy policy(RetentionPolicy base) throws BadInputException {
        try {
            Duration age = minAge == null ? base.minAge() : UpstreamSettings.parseInterval(minAge);
            List<Pattern> patterns = protect.isEmpty() ? base.protectedTags()
                    : protect.stream().map(Pattern::compile).toList();
            return new RetentionPolicy(keep == null ? base.keep() : keep, age, patterns);
        } catch (PatternSyntaxException e) {
            throw new BadInputException("--protect '" + e.getPattern() + "' is not a regular expression: "
                    + e.getDescription());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private void writeText(List<Retention.RepositoryPlan> plans, List<Retention.Deletion> failures, PrintWriter out) {
        TextTable table = new TextTable("REPOSITORY", "DIGEST", "TAGS", "CREATED", "DECISION", "REASON");
        long unique = 0;
        long freed = 0;
        for (Retention.RepositoryPlan plan : plans) {
            for (Retention.Version version : plan.versions()) {
                table.row(plan.repository().toString(), version.digest().substring(7, 19), String.join(",", version.tags()),
                        version.created().map(Object::toString).orElse("?"), version.decision().id(), version.reason());
            }
            unique += plan.uniqueBytes();
            freed += plan.freedBytes();
        }
        out.print(table.render());
        long deleted = plans.stream().mapToLong(p -> p.toDelete().size()).sum();
        out.println(plans.size() + " repositories, " + mib(unique) + " of unique blobs; "
                + (confirm ? deleted - failures.size() + " versions deleted" : deleted + " versions would be deleted")
                + ", freeing " + mib(freed) + " once the registry collects garbage."
                + (confirm ? "" : " Dry run: give --confirm to delete."));
    }

    private void writeJson(List<Retention.RepositoryPlan> plans, List<Retention.Deletion> failures, PrintWriter out)
            throws IOException {
        JsonDocuments.write(out, json -> {
            json.writeBooleanField("dryRun", !confirm);
            json.writeArrayFieldStart("repositories");
            for (Retention.RepositoryPlan plan : plans) {
                json.writeStartObject();
                json.writeStringField("repository", plan.repository().toString());
                json.writeNumberField("uniqueBytes", plan.uniqueBytes());
                json.writeNumberField("freedBytes", plan.freedBytes());
                json.writeArrayFieldStart("versions");
                for (Retention.Version version : plan.versions()) {
                    json.writeStartObject();
                    json.writeStringField("digest", version.digest());
                    json.writeArrayFieldStart("tags");
                    for (String tag : version.tags()) {
                        json.writeString(tag);
                    }
                    json.writeEndArray();
                    json.writeStringField("created", version.created().map(Object::toString).orElse(null));
                    json.writeNumberField("bytes", version.bytes());
                    json.writeStringField("decision", version.decision().id());
                    json.writeStringField("reason", version.reason());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("failedDeletions");
            for (Retention.Deletion failure : failures) {
                json.writeStartObject();
                json.writeStringField("digest", failure.digest());
                json.writeStringField("error", failure.error());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
