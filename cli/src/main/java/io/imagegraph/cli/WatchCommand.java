package io.imagegraph.cli;

import io.imagegraph.core.files.JsonDocuments;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.mutate.MutationResult;
import io.imagegraph.core.plan.UpstreamImpact;
import io.imagegraph.core.plan.UpstreamWatches;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.track.TagEvents;
import io.imagegraph.core.track.TagHistory;
import io.imagegraph.core.upstream.UpstreamCheck;
import io.imagegraph.core.upstream.UpstreamPoller;
import io.imagegraph.core.upstream.UpstreamState;
import io.imagegraph.core.upstream.UpstreamWatch;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "watch", 
        header = "Poll upstream bases; moved ones are pinned into the next build.",
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Poll the graph's upstream images once: every external base its Dockerfiles name by tag, and the"
                    + " repositories the graph file's upstream.watches name (a tag, or a tag policy: a regular"
                    + " expression and/or a semantic version range, of which the highest tag is followed). A base"
                    + " whose digest moved is recorded in the state folder; from then on plan and build pin it to"
                    + " that digest, so exactly the images built on it (and theirs) get new input digests and are"
                    + " built again. A mutation (graph file mutations, imagegraph mutate) whose upstream moved is"
                    + " reapplied to the new digest, so its overridden tag follows.",
            "",
            "Run it from cron or a Jenkins trigger; a watch polled less than upstream.interval ago is skipped"
                    + " (--force polls anyway), and each registry gets at most upstream.requestBudget requests a pass.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  imagegraph watch --dir .",
            "  imagegraph watch --dir . --force -o json",
            "  imagegraph watch --dir . && imagegraph build --dir . --registry quay.io --tag nightly",
            "",
            "Exit codes: 0 polled (whether or not anything moved); 1 a watch, or a mutation reapplied, failed (the others are recorded);"
                    + " 2 bad input."
        })
final class WatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GraphOptions graphOptions;

    @Option(names = "--force", description = "Poll every watch now, however recently it was polled.")
    boolean force;

    @Mixin
    RegistryOptions registryOptions;

    @Mixin
    StateOption stateOption;

    @Mixin
    ReportFormatOption output;

    @Override
    public Integer call() throws BadInputException, IOException, InterruptedException, RegistryException {
        PrintWriter out = spec.commandLine().getOut();
        boolean json = output.json("watch");
        ImageGraph graph = graphOptions.load(spec.commandLine().getErr()).graph();
        List<UpstreamWatch> watches = UpstreamWatches.of(graph);
        StateDirectory state = stateOption.forGraph(graph.root());
        List<UpstreamCheck> checks;
        UpstreamPoller poller = new UpstreamPoller(registryOptions.registries(new LocalProcessRunner(), null),
                UpstreamState.in(state), Clock.systemUTC());
        checks = poller.poll(watches, graph.upstream(), force);
        TagHistory.in(state).record(TagEvents.ofUpstream(checks, Instant.now()));
        Map<String, List<String>> rebuild = UpstreamImpact.of(graph, checks);
        List<MutationResult> mutated = MutationFollowing.follower(graph, registryOptions, state)
                .follow(checks, MutationFollowing.runId(), result -> { });
        if (json) {
            JsonDocuments.write(out, generator -> {
                generator.writeArrayFieldStart("watches");
                for (UpstreamCheck check : checks) {
                    generator.writeStartObject();
                    generator.writeStringField("watch", check.watch());
                    generator.writeStringField("repository", check.repository());
                    generator.writeStringField("status", check.status().id());
                    generator.writeStringField("tag", check.tag());
                    generator.writeStringField("digest", check.digest());
                    generator.writeStringField("previousTag", check.previousTag());
                    generator.writeStringField("previousDigest", check.previousDigest());
                    generator.writeStringField("reason", check.reason());
                    generator.writeEndObject();
                }
                generator.writeEndArray();
                generator.writeObjectFieldStart("rebuild");
                for (Map.Entry<String, List<String>> image : rebuild.entrySet()) {
                    generator.writeArrayFieldStart(image.getKey());
                    for (String reason : image.getValue()) {
                        generator.writeString(reason);
                    }
                    generator.writeEndArray();
                }
                generator.writeEndObject();
                MutationFollowing.writeJson(generator, mutated);
            });
        } else if (checks.isEmpty()) {
            out.println("Nothing to watch: every external base is pinned by digest, and the graph file names no"
                    + " upstream.watches.");
        } else {
            TextTable table = new TextTable("WATCH", "STATUS", "TAG", "DIGEST", "BEFORE", "REASON");
            for (UpstreamCheck check : checks) {
                table.row(check.watch(), check.status().id(), check.tag() == null ? "-" : check.tag(),
                        shortDigest(check.digest()), shortDigest(check.previousDigest()), check.reason());
            }
            out.print(table.render());
            if (rebuild.isEmpty()) {
                out.println("No image needs rebuilding.");
            } else {
                out.println("To rebuild (imagegraph build pins the new digests):");
                rebuild.forEach((image, reasons) -> out.println("  " + image + ": " + String.join("; ", reasons)));
            }
            if (!mutated.isEmpty()) {
                out.println("Overrides reapplied (imagegraph mutate):");
                out.print(MutationTable.of(mutated));
            }
        }
        out.flush();
        return checks.stream().anyMatch(c -> c.status() == UpstreamCheck.Status.FAILED)
                || mutated.stream().anyMatch(r -> r.status() == MutationResult.Status.FAILED) ? ExitCodes.FAILED
                : ExitCodes.OK;
    }

    private static String shortDigest(String digest) {
        if (digest == null) {
            return "-";
        }
        return digest.substring(digest.indexOf(':') + 1, Math.min(digest.length(), digest.indexOf(':') + 13));
    }
}
