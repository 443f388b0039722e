package io.imagegraph.cli;

import io.imagegraph.core.files.JsonDocuments;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.quota.ByteSize;
import io.imagegraph.core.quota.KnownRepositories;
import io.imagegraph.core.quota.QuotaUsage;
import io.imagegraph.core.quota.StorageUsage;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.track.TagHistory;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "usage",
        header = "Show what namespaces and repositories hold against their quotas.",
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "For each quota of the graph file (quotas: a namespace or a repository, with bytes and/or tags),"
                    + " read from the registry what counts against it: the tags, and the unique layer bytes —"
                    + " for a repository, the bytes of blobs no other repository of its namespace names; for a"
                    + " namespace, each distinct blob of its repositories once. Repositories are those of the"
                    + " graph's images in the quota's registry and those the tag history knows.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  imagegraph usage --dir .",
            "  imagegraph usage --dir . -o json",
            "",
            "Exit codes: 0 every quota is kept; 1 a quota is exceeded; 2 bad input (such as no quotas)."
        })
final class UsageCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GraphOptions graphOptions;

    @Mixin
    RegistryOptions registryOptions;

    @Mixin
    StateOption stateOption;

    @Mixin
    ReportFormatOption output;

    @Override
    public Integer call() throws BadInputException, IOException, InterruptedException, RegistryException {
        PrintWriter out = spec.commandLine().getOut();
        boolean json = output.json("usage");
        ImageGraph graph = graphOptions.load(spec.commandLine().getErr()).graph();
        if (graph.quotas().isEmpty()) {
            throw new BadInputException(graph.graphFileName() + " has no quotas, so there is no usage to set against"
                    + " one; see docs/tracking.md#storage-quotas");
        }
        List<QuotaUsage> usage = new StorageUsage(registryOptions.registries(new LocalProcessRunner(), null)).usage(graph.quotas(),
                KnownRepositories.of(graph.quotas(), graph,
                        TagHistory.in(stateOption.forGraph(graph.root())).repositories().keySet(), List.of()));
        if (json) {
            JsonDocuments.write(out, generator -> {
                generator.writeArrayFieldStart("quotas");
                for (QuotaUsage quota : usage) {
                    generator.writeStartObject();
                    generator.writeStringField("scope", quota.quota().scope().id());
                    generator.writeStringField("name", quota.quota().name());
                    generator.writeNumberField("bytes", quota.bytes());
                    if (quota.quota().bytes().isPresent()) {
                        generator.writeNumberField("bytesLimit", quota.quota().bytes().getAsLong());
                    }
                    generator.writeNumberField("tags", quota.tags());
                    if (quota.quota().tags().isPresent()) {
                        generator.writeNumberField("tagsLimit", quota.quota().tags().getAsInt());
                    }
                    generator.writeBooleanField("over", quota.over());
                    generator.writeArrayFieldStart("repositories");
                    for (String repository : quota.repositories()) {
                        generator.writeString(repository);
                    }
                    generator.writeEndArray();
                    generator.writeEndObject();
                }
                generator.writeEndArray();
            });
        } else {
            TextTable table = new TextTable("SCOPE", "NAME", "BYTES", "LIMIT", "TAGS", "LIMIT", "STATUS");
            for (QuotaUsage quota : usage) {
                table.row(quota.quota().scope().id(), quota.quota().name(), ByteSize.format(quota.bytes()),
                        quota.quota().bytes().stream().mapToObj(ByteSize::format).findFirst().orElse("-"),
                        String.valueOf(quota.tags()),
                        quota.quota().tags().stream().mapToObj(String::valueOf).findFirst().orElse("-"),
                        quota.over() ? "over" : "ok");
            }
            out.print(table.render());
            out.flush();
        }
        return usage.stream().anyMatch(QuotaUsage::over) ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
