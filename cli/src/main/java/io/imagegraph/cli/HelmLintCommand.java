package io.imagegraph.cli;

import io.imagegraph.core.files.JsonDocuments;
import io.imagegraph.core.helm.HelmValuesLint;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "helm-lint", 
        header = "Report unpinned or latest image references in Helm values.",
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Report every image reference in OpenStack-Helm values files (images.tags.*) that a deployment cannot"
                    + " rely on: not pinned by digest, :latest (a reference without a tag is latest too), or not fully"
                    + " qualified (no registry), with file, line and key. YAML aliases and merge keys are resolved."
                    + " A file that is not YAML (or holds a placeholder a deployment script replaces) is reported with its"
                    + " line, and the other files are still linted.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  imagegraph helm-lint keystone/values.yaml glance/values.yaml",
            "  imagegraph helm-lint overrides/*.yaml -o json",
            "",
            "Exit codes: 0 every reference is pinned and qualified; 1 some are not (each is printed); 2 a file could"
                    + " not be read (each is named, after the findings of the others)."
        })
final class HelmLintCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "VALUES", description = "Values files to check.")
    List<Path> files = new ArrayList<>();

    @Mixin
    ReportFormatOption output;

    @Override
    public Integer call() throws BadInputException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        boolean json = output.json("helm-lint");
        HelmValuesLint.Report report = HelmValuesLint.lint(files);
        List<HelmValuesLint.Finding> findings = report.findings();
        if (json) {
            JsonDocuments.write(out, generator -> {
                generator.writeArrayFieldStart("findings");
                for (HelmValuesLint.Finding finding : findings) {
                    generator.writeStartObject();
                    generator.writeStringField("file", finding.file().toString());
                    generator.writeNumberField("line", finding.line());
                    generator.writeStringField("key", finding.key());
                    generator.writeStringField("reference", finding.reference());
                    generator.writeStringField("problem", finding.problem());
                    generator.writeEndObject();
                }
                generator.writeEndArray();
                generator.writeArrayFieldStart("unreadable");
                for (String problem : report.unreadable()) {
                    generator.writeString(problem);
                }
                generator.writeEndArray();
            });
        } else {
            findings.forEach(out::println);
            out.println(findings.isEmpty() ? "Every image reference" + (report.unreadable().isEmpty() ? "" : " read")
                    + " is pinned by digest and fully qualified."
                    : findings.size() + " finding" + (findings.size() == 1 ? "" : "s")
                    + " about image references.");
        }
        out.flush();
        if (!report.unreadable().isEmpty()) {
            throw new BadInputException(report.unreadable());
        }
        return findings.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
