package io.imagegraph.cli;

import io.imagegraph.core.build.BuildLogLines;
import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.BuildReportJson;
import io.imagegraph.core.build.BuildTools;
import io.imagegraph.core.graph.NetworkMode;
import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.ref.InvalidReferenceException;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.run.BuildRun;
import io.imagegraph.core.run.RunRequestException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "build", 
        header = "Build the planned images in dependency order, reusing what exists.",
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Build the planned images in dependency order, in parallel, critical path first. An image whose"
                    + " input digest is already tagged (<repository>:input-sha256-<hex>) is reused instead of"
                    + " built; every parent is pinned to the exact image this run built or reused. With a registry"
                    + " (--registry, or 'registry' in the graph file) the input-digest tags are first looked up"
                    + " there: an image found is reused and the run's tags are moved to it registry side, without"
                    + " pulling; a built image is pushed, then tagged registry side. A push that fails fails the"
                    + " image. Credentials come from docker's config.json (docker login). Progress"
                    + " and each image's output (prefixed with its name) go to stderr; the report to stdout,"
                    + " and as JSON to the run directory.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  imagegraph build --dir examples/openstack",
            "  imagegraph build --changed-from origin/main --tag pr-42 --slots 4",
            "  imagegraph build --registry 127.0.0.1:5000 --tag test      # and push",
            "  imagegraph build keystone --with-parents --rebuild --quiet",
            "  imagegraph build --network host          # RUN steps reach a package mirror on loopback",
            "",
            "The Docker Engine is the one DOCKER_HOST names; docker builds run through BuildKit where the client and"
                    + " Engine have it (the build log says which builder ran). Exit codes: 0 every image built or reused;"
                    + " 1 an image failed; 2 bad input (nothing was built)."
        })
final class BuildCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PlanOptions planOptions;

    @Option(names = {"-t", "--tag"}, paramLabel = "TAG",
            description = "Tag every built or reused image with TAG (repeatable; default: each image's tags"
                    + " from the graph file, else 'test').")
    List<String> tags = new ArrayList<>();

    @Option(names = {"-r", "--registry"}, paramLabel = "HOST[:PORT]",
            description = "The registry to name the images under and push them to, over the graph file's 'registry'.")
    String registry;

    @Option(names = "--no-push", description = "Do not push, even when a registry is configured (images stay local).")
    boolean noPush;

    @Mixin
    RegistryOptions registryOptions;

    @Option(names = "--network", paramLabel = "MODE",
            description = "The network every build's RUN steps get, over the graph file's 'network': default (what"
                    + " docker build or buildah bud give without --network), host, or none.")
    String network;

    @Option(names = "--refresh-older-than", paramLabel = "DURATION",
            description = "Rebuild every image whose newest build is older than DURATION (24h, 2d, PT12H), with the"
                    + " images built on it, although its input digest is unchanged: nightly builds that pick up"
                    + " distribution fixes. Over the graph file's 'freshness'.")
    String refreshOlderThan;

    @Option(names = "--builder-host", paramLabel = "NAME=URL[,slots=N][,tls=DIR][,platforms=P+P]",
            description = "Build on this Docker Engine (unix://, tcp://, ssh://), repeatable; over the graph file's"
                    + " 'hosts'. tls=DIR: a folder with ca.pem, cert.pem, key.pem. platforms=linux/amd64+linux/arm64:"
                    + " what it builds for (default: what its Engine reports). With more than one host a registry"
                    + " carries the parents between them (docs/scale-out.md).")
    List<String> builderHosts = new java.util.ArrayList<>();

    @Option(names = "--slots", paramLabel = "N", description = "How many images build at once (default: the number of cores).")
    Integer slots;

    @Option(names = "--fail-fast", description = "Stop every build at the first failure.")
    boolean failFast;

    @Option(names = "--rebuild", description = "Build every image of the run, even when its input digest is already tagged.")
    boolean rebuild;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "2",
            description = "Try a build again this many times when it fails for a transient reason"
                    + " (the daemon unreachable, a dropped connection). Default: ${DEFAULT-VALUE}.")
    int retries;

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Where the run keeps logs, generated files and build-report.json"
                    + " (default: <graph root>/.imagegraph/runs/<run id>).")
    Path runDirectory;

    @Option(names = "--lineage", paramLabel = "FILE",
            description = "The lineage store, a JSON-lines file: every built or reused image is appended, and earlier"
                    + " durations order the builds (default: lineage.jsonl in the --state folder).")
    Path lineageFile;

    @Option(names = "--docker", paramLabel = "PROGRAM", defaultValue = "docker",
            description = "The docker client to run (default: ${DEFAULT-VALUE}).")
    String docker;

    @Option(names = "--buildah", paramLabel = "PROGRAM", defaultValue = "buildah",
            description = "The buildah program, for images whose graph entry says 'builder: buildah'"
                    + " (default: ${DEFAULT-VALUE}).")
    String buildah;

    @Option(names = {"-H", "--docker-host"}, paramLabel = "URL",
            description = "The Docker Engine to build with, as DOCKER_HOST takes it (default: DOCKER_HOST, else the"
                    + " local socket).")
    String dockerHost;

    @Option(names = {"-q", "--quiet"}, description = "Print only each image's start and end, not its build output.")
    boolean quiet;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto: on a terminal, a status line under the output shows what is done and what is"
                    + " building, redrawn every second; plain lines otherwise. plain: plain lines only."
                    + " Default: ${DEFAULT-VALUE}.")
    String progress;

    @Mixin
    ReportFormatOption output;

    @Mixin
    SigningOptions signing;

    @Override
    public Integer call() throws BadInputException, IOException, InterruptedException, RegistryException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean json = output.json("build");
        if (!progress.equals("auto") && !progress.equals("plain")) {
            throw new BadInputException("--progress is auto or plain, not " + progress);
        }
        int slotCount = slots == null ? Runtime.getRuntime().availableProcessors() : slots;
        if (slotCount < 1) {
            throw new BadInputException("--slots must be at least 1");
        }
        if (retries < 0) {
            throw new BadInputException("--retries cannot be negative");
        }
        if (registry != null) {
            try {
                RegistryHost.parse(registry);
            } catch (InvalidReferenceException e) {
                throw new BadInputException("--registry " + e.getMessage());
            }
        }
        Optional<NetworkMode> networkMode;
        try {
            networkMode = Optional.ofNullable(network).map(NetworkMode::fromId);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--network: " + e.getMessage());
        }
        Optional<java.time.Duration> refresh;
        try {
            refresh = Optional.ofNullable(refreshOlderThan).map(io.imagegraph.core.graph.BuildSettings::parseFreshness);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--refresh-older-than: " + e.getMessage());
        }
        Optional<io.imagegraph.core.provenance.AttestationPublisher> publisher = signing.publisher();
        Plan plan = planOptions.plan(err);
        Map<String, String> environment = new java.util.HashMap<>();
        if (dockerHost != null) {
            environment.put("DOCKER_HOST", dockerHost);
        }
        environment.putAll(registryOptions.toolEnvironment());
        LocalProcessRunner runner = new LocalProcessRunner();
        BuildLogLines printer = new BuildLogLines(line -> {
            err.println(line);
            err.flush();
        }, quiet);
        LiveStatus live = progress.equals("auto") && LiveStatus.terminal(System.getenv())
                ? new LiveStatus(err, printer, Clock.systemUTC(), LiveStatus.width(System.getenv())) : null;
        Optional<io.imagegraph.core.build.BuildHosts> hosts = BuildHostOptions.connect(builderHosts, plan.graph().root(),
                slots == null ? 2 : slotCount, runner, docker, environment,
                env -> BuildTools.local(runner, docker, buildah, env, registryOptions.plainHttpHosts(registry)));
        BuildRun run = new BuildRun(runner, BuildTools.local(runner, docker, buildah, environment,
                registryOptions.plainHttpHosts(registry), Optional.of(planOptions.state.forGraph(plan.graph().root()).folder())),
                host -> registryOptions.registries(runner, host), planOptions.state.forGraph(plan.graph().root()),
                live != null ? live : printer, Clock.systemUTC(), hosts);
        // Ctrl-C or SIGTERM: the hook cancels the run, which stops the running builds and pushes,
        // and waits until the report is written and the table or JSON is on stdout: the JVM ends
        // when the hook returns.
        CountDownLatch printed = new CountDownLatch(1);
        Thread cancel = new Thread(() -> {
            run.cancel();
            try {
                printed.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "imagegraph-cancel");
        Runtime.getRuntime().addShutdownHook(cancel);
        try {
            BuildRun.Outcome outcome;
            try {
                outcome = run.run(plan, new BuildRun.Request(Optional.empty(), tags, slotCount, failFast, rebuild,
                        retries, Optional.ofNullable(runDirectory), Optional.ofNullable(lineageFile),
                        Optional.ofNullable(registry), noPush, networkMode, refresh));
            } catch (RunRequestException e) {
                throw new BadInputException(e.getMessage());
            } finally {
                if (live != null) {
                    live.close();
                }
            }
            boolean attested = BuildAttesting.attest(publisher, outcome, plan, planOptions.selection.names, tags,
                    Optional.ofNullable(lineageFile), planOptions.state.forGraph(plan.graph().root()), registryOptions,
                    registry, err);
            int code = print(outcome, json, out, err);
            return attested ? code : ExitCodes.FAILED;
        } finally {
            printed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(cancel);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running; it returns now that everything is printed
            }
        }
    }

    /** Prints the report (and, when the run was cancelled, what was not built); returns the exit code. */
    private static int print(BuildRun.Outcome outcome, boolean json, PrintWriter out, PrintWriter err) throws IOException {
        BuildReport report = outcome.report();
        outcome.historyProblem().ifPresent(problem -> err.println("imagegraph: " + problem));
        if (json) {
            BuildReportJson.write(report, out);
        } else {
            out.print(BuildTable.render(report));
            report.hosts().ifPresent(hosts -> out.print(HostsTable.render(hosts)));
            out.println("Report: " + outcome.reportFile());
        }
        out.flush();
        if (Thread.interrupted()) {
            long notBuilt = report.count(io.imagegraph.core.build.ImageStatus.CANCELLED);
            err.println("imagegraph: cancelled; " + notBuilt + (notBuilt == 1 ? " image was" : " images were")
                    + " not built (the report lists them)");
            err.flush();
            return ExitCodes.FAILED;
        }
        return outcome.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
    }

}
