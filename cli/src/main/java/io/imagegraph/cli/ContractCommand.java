package io.imagegraph.cli;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.BuildReportReader;
import io.imagegraph.core.files.JsonDocuments;
import io.imagegraph.core.mutate.ContractAttribution;
import io.imagegraph.core.mutate.OverriddenImage;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.ref.ImageRef;
import io.imagegraph.core.ref.InvalidReferenceException;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.track.ContractPairs;
import io.imagegraph.core.track.Deployments;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "contract", 
        header = "Compare the deployment contract (ports, env, user, ...) of images.",
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Compare the deployment contract of images: the exposed ports, environment, entrypoint, command, user,"
                    + " volumes and working directory in their configs, read from the registry. Either two references"
                    + " (the running one first), or every image of a build report against what --env runs of it"
                    + " (imagegraph deployed).",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  imagegraph contract quay.io/acme/keystone@sha256:aaa… quay.io/acme/keystone:pr-42",
            "  imagegraph contract --env prod --report .imagegraph/runs/<run>/build-report.json --fail-on-change",
            "",
            "Exit codes: 0 compared; 1 a registry failed, or something changed with --fail-on-change; 2 bad input."
        })
final class ContractCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..2", paramLabel = "REFERENCE", description = "The running image, then the new one.")
    List<String> references = new ArrayList<>();

    @Option(names = "--env", paramLabel = "ENVIRONMENT", description = "Compare with what this environment runs.")
    String environment;

    @Option(names = "--report", paramLabel = "FILE", description = "With --env: the build whose images to compare.")
    Path report;

    @Option(names = "--platform", paramLabel = "OS/ARCH", defaultValue = "linux/amd64",
            description = "The platform of a multi-platform image to compare. Default: ${DEFAULT-VALUE}.")
    String platform;

    @Option(names = "--fail-on-change", description = "Exit 1 when any contract changed.")
    boolean failOnChange;

    @Mixin
    RegistryOptions registryOptions;

    @Mixin
    StateOption stateOption;

    @Mixin
    ReportFormatOption output;

    /** One comparison: the running reference, the new one, and what changed. */
    private record Comparison(String image, String running, String next, ContractAttribution attribution) {

        List<ContractAttribution.Attributed> changes() {
            return attribution.changes();
        }
    }

    @Override
    public Integer call() throws BadInputException, IOException, InterruptedException, RegistryException {
        PrintWriter out = spec.commandLine().getOut();
        boolean json = output.json("contract");
        String[] osArch = platform.split("/");
        if (osArch.length != 2) {
            throw new BadInputException("--platform takes OS/ARCH, such as linux/amd64, not " + platform);
        }
        Map<String, String[]> pairs = pairs();
        List<Comparison> comparisons = new ArrayList<>();
        Registries registries = registryOptions.registries(new LocalProcessRunner(), null);
        for (Map.Entry<String, String[]> pair : pairs.entrySet()) {
            ImageRef running = ImageRef.parse(pair.getValue()[0]);
            ImageRef next = ImageRef.parse(pair.getValue()[1]);
            OverriddenImage before = contract(registries, running, osArch);
            OverriddenImage after = contract(registries, next, osArch);
            comparisons.add(new Comparison(pair.getKey(), running.toString(), next.toString(),
                    ContractAttribution.of(before, after)));
        }
        if (json) {
            JsonDocuments.write(out, generator -> {
                generator.writeArrayFieldStart("comparisons");
                for (Comparison comparison : comparisons) {
                    generator.writeStartObject();
                    generator.writeStringField("image", comparison.image());
                    generator.writeStringField("running", comparison.running());
                    generator.writeStringField("new", comparison.next());
                    writeChanges(generator, "changes", comparison.changes());
                    writeChanges(generator, "hidden", comparison.attribution().hidden());
                    generator.writeEndObject();
                }
                generator.writeEndArray();
            });
        } else {
            for (Comparison comparison : comparisons) {
                out.println(comparison.image() + ": " + comparison.running() + " → " + comparison.next());
                if (comparison.changes().isEmpty()) {
                    out.println("  the same contract");
                }
                comparison.changes().forEach(change -> out.println("  " + change.change()
                        + (change.fromOverride() ? " (" + change.origin() + ")" : "")));
                comparison.attribution().hidden().forEach(change -> out.println("  hidden by " + change.origin()
                        + ": upstream " + change.change()));
            }
            out.flush();
        }
        boolean changed = comparisons.stream().anyMatch(c -> !c.changes().isEmpty());
        return failOnChange && changed ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private static OverriddenImage contract(Registries registries, ImageRef ref, String[] osArch)
            throws RegistryException, InterruptedException, BadInputException {
        if (ref.registry().isEmpty()) {
            throw new BadInputException(ref + " names no registry; give REGISTRY/REPOSITORY:TAG or @DIGEST");
        }
        return OverriddenImage.read(registries, ref, osArch[0], osArch[1]);
    }

    private static void writeChanges(com.fasterxml.jackson.core.JsonGenerator generator, String field,
                                     List<ContractAttribution.Attributed> changes) throws IOException {
        generator.writeArrayFieldStart(field);
        for (ContractAttribution.Attributed change : changes) {
            generator.writeStartObject();
            generator.writeStringField("field", change.change().field());
            generator.writeStringField("before", change.change().before());
            generator.writeStringField("after", change.change().after());
            generator.writeStringField("origin", change.origin());
            generator.writeEndObject();
        }
        generator.writeEndArray();
    }

    /** Image (or reference) to the running and the new reference. */
    private Map<String, String[]> pairs() throws BadInputException, IOException {
        Map<String, String[]> pairs = new LinkedHashMap<>();
        try {
            if (environment == null) {
                if (references.size() != 2 || report != null) {
                    throw new BadInputException("give two references (the running image, then the new one), or --env"
                            + " with --report");
                }
                pairs.put(ImageRef.parse(references.get(1)).name(), new String[] {references.get(0), references.get(1)});
                return pairs;
            }
            if (report == null || !references.isEmpty()) {
                throw new BadInputException("--env compares a build's images: give --report, and no references");
            }
            BuildReport build;
            try {
                build = BuildReportReader.read(report);
            } catch (IOException e) {
                throw new BadInputException(e.getMessage());
            }
            for (ContractPairs.Pair pair : ContractPairs.of(build, Deployments.in(stateOption.forReport(report))
                    .current(), environment)) {
                pairs.put(pair.image(), new String[] {pair.running(), pair.next()});
            }
            if (pairs.isEmpty()) {
                throw new BadInputException("no image of run " + build.runId() + " is recorded as running in "
                        + environment + " (imagegraph deployed lists what is)");
            }
            return pairs;
        } catch (InvalidReferenceException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
