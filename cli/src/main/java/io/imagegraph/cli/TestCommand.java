package io.imagegraph.cli;

import io.imagegraph.core.gate.GateLogLines;
import io.imagegraph.core.gate.GateReport;
import io.imagegraph.core.gate.GateReportJson;
import io.imagegraph.core.gate.SmokeGate;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.run.GateRun;
import io.imagegraph.core.run.RunRequestException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "test", 
        header = "Run the smoke tests against a build's exact images.",
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Run the smoke tests of a build's images against their exact references (registry digest, else local"
                    + " image ID): each 'command' test in a container of the image (docker run --rm --network none,"
                    + " stopped at its time limit; for an image buildah built, buildah from/run/rm in buildah's"
                    + " store), each 'script' test once on the host with every image under test"
                    + " in IMAGEGRAPH_TEST_IMAGES and IMAGEGRAPH_IMAGE_<NAME>. Every result (passed, failed, timed"
                    + " out; duration; the tail of its output) goes into test-report.json beside the build report;"
                    + " promote --tests reads it and never promotes an image that failed.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  imagegraph test --dir examples/foreman --report .imagegraph/runs/<run>/build-report.json",
            "  imagegraph test --report build-report.json --script tests/deploy.sh --timeout 900",
            "",
            "Exit codes: 0 every test passed; 1 a test failed or timed out; 2 bad input."
        })
final class TestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GraphOptions graphOptions;

    @Option(names = "--report", paramLabel = "FILE", required = true,
            description = "The build-report.json of the run whose images to test.")
    Path report;

    @Option(names = "--script", paramLabel = "PATH",
            description = "A deployment test for every image of the run, besides the graph file's (repeatable);"
                    + " relative to the graph root.")
    List<String> scripts = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "The time limit of each --script test. Default: ${DEFAULT-VALUE}.")
    int timeout;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to write the test report (default: test-report.json beside the build report).")
    Path out;

    @Option(names = "--docker", paramLabel = "PROGRAM", defaultValue = "docker",
            description = "The docker client to run (default: ${DEFAULT-VALUE}).")
    String docker;

    @Option(names = {"-H", "--docker-host"}, paramLabel = "URL",
            description = "The Docker Engine to run the containers on, as DOCKER_HOST takes it.")
    String dockerHost;

    @Option(names = "--buildah", paramLabel = "PROGRAM", defaultValue = "buildah",
            description = "The buildah program that runs the images buildah built ('builder: buildah'), in its own"
                    + " store (default: ${DEFAULT-VALUE}).")
    String buildah;

    @Mixin
    RegistryOptions registryOptions;

    @Option(names = {"-q", "--quiet"}, description = "Print only each test's start and end, not its output.")
    boolean quiet;

    @Mixin
    ReportFormatOption output;

    @Mixin
    SigningOptions signing;

    @Override
    public Integer call() throws BadInputException, IOException, InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean json = output.json("test");
        if (timeout < 1) {
            throw new BadInputException("--timeout must be at least 1 second");
        }
        Optional<io.imagegraph.core.provenance.AttestationPublisher> publisher = signing.publisher();
        ImageGraph graph = graphOptions.load(err).graph();
        Map<String, String> environment = new HashMap<>();
        if (dockerHost != null) {
            environment.put("DOCKER_HOST", dockerHost);
        }
        environment.putAll(registryOptions.toolEnvironment());
        GateRun.Outcome outcome;
        try {
            outcome = new GateRun(new SmokeGate(new LocalProcessRunner(), docker, buildah, environment, new GateLogLines(line -> {
                        err.println(line);
                        err.flush();
                    }, quiet),
                    Clock.systemUTC())).run(graph, new GateRun.Request(report, scripts, timeout, Optional.ofNullable(out)));
        } catch (RunRequestException e) {
            throw new BadInputException(e.getMessage());
        }
        GateReport result = outcome.report();
        boolean attested = true;
        if (publisher.isPresent()) {
            try {
                attested = SigningOptions.report(new io.imagegraph.core.provenance.GateAttestations(
                        registryOptions.registries(new LocalProcessRunner(), null), publisher.get(), Clock.systemUTC())
                        .attest(result), err);
            } catch (io.imagegraph.core.registry.RegistryException e) {
                err.println("imagegraph: the gate's attestations were not pushed: " + e.getMessage());
                attested = false;
            }
        }
        Path file = outcome.file();
        if (json) {
            GateReportJson.write(result, stdout);
        } else {
            stdout.print(GateTable.render(result));
            stdout.println("Report: " + file);
        }
        stdout.flush();
        return result.passed() && attested ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
