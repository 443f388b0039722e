package io.imagegraph.cli;

import io.imagegraph.core.ref.ImageRef;
import io.imagegraph.core.ref.InvalidReferenceException;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.track.DeploymentRecord;
import io.imagegraph.core.track.Deployments;
import io.imagegraph.core.upstream.UpstreamRef;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "deployed", 
        header = "Record or list which digests each environment runs.",
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Record which digests an environment runs, or list what each environment runs now. imagegraph prune"
                    + " never deletes a digest an environment runs. References must be pinned by digest: a tag says"
                    + " nothing about what is running.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  imagegraph deployed --env prod quay.io/acme/keystone@sha256:3f3c1fe1… quay.io/acme/glance@sha256:…",
            "  imagegraph deployed",
            "",
            "Exit codes: 0 done; 1 the state folder cannot be read or written; 2 bad input."
        })
final class DeployedCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--env", paramLabel = "ENVIRONMENT", description = "The environment the references run in.")
    String environment;

    @Parameters(arity = "0..*", paramLabel = "REGISTRY/REPOSITORY@DIGEST", description = "What runs there now.")
    List<String> references = new ArrayList<>();

    @Mixin
    StateOption stateOption;

    @Mixin
    ReportFormatOption output;

    @Override
    public Integer call() throws BadInputException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        boolean json = output.json("deployed");
        StateDirectory state = stateOption.standalone();
        Deployments deployments = Deployments.in(state);
        if (!references.isEmpty() || environment != null) {
            if (environment == null || environment.isBlank() || references.isEmpty()) {
                throw new BadInputException("give --env and at least one REGISTRY/REPOSITORY@DIGEST to record");
            }
            List<DeploymentRecord> records = new ArrayList<>();
            String now = Instant.now().toString();
            for (String reference : references) {
                ImageRef ref;
                try {
                    ref = ImageRef.parse(reference);
                } catch (InvalidReferenceException e) {
                    throw new BadInputException(e.getMessage());
                }
                if (ref.digest().isEmpty() || ref.registry().isEmpty()) {
                    throw new BadInputException(reference + " is not pinned by digest in a registry; record what"
                            + " runs as REGISTRY/REPOSITORY@sha256:…, never a tag");
                }
                records.add(new DeploymentRecord(environment.strip(), UpstreamRef.of(ref).toString(),
                        ref.digest().get().toString(), now, System.getProperty("user.name", "unknown")));
            }
            deployments.record(records);
        }
        List<DeploymentRecord> current = deployments.current();
        if (json) {
            io.imagegraph.core.files.JsonDocuments.write(out, generator -> {
                generator.writeArrayFieldStart("deployments");
                for (DeploymentRecord record : current) {
                    generator.writeStartObject();
                    generator.writeStringField("environment", record.environment());
                    generator.writeStringField("repository", record.repository());
                    generator.writeStringField("digest", record.digest());
                    generator.writeStringField("time", record.time());
                    generator.writeStringField("by", record.by());
                    generator.writeEndObject();
                }
                generator.writeEndArray();
            });
        } else if (current.isEmpty()) {
            out.println("No deployment is recorded in " + state.folder() + ".");
        } else {
            TextTable table = new TextTable("ENVIRONMENT", "REPOSITORY", "DIGEST", "SINCE", "BY");
            current.forEach(r -> table.row(r.environment(), r.repository(), r.digest(), r.time(), r.by()));
            out.print(table.render());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
