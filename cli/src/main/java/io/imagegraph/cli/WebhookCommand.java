package io.imagegraph.cli;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.mutate.MutationFollower;
import io.imagegraph.core.mutate.MutationResult;
import io.imagegraph.core.plan.UpstreamWatches;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.track.TagEvents;
import io.imagegraph.core.track.TagHistory;
import io.imagegraph.core.upstream.UpstreamCheck;
import io.imagegraph.core.upstream.UpstreamState;
import io.imagegraph.core.upstream.WebhookReceiver;
import io.imagegraph.core.upstream.WebhookRejectedException;
import io.imagegraph.core.upstream.WebhookSecret;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "webhook", 
        header = "Receive registries' push notifications for upstream watches.",
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Receive registries' push notifications for the graph's upstream watches, as imagegraph watch polls"
                    + " them: a push of a watched tag is recorded in the state folder with its digest, and from then"
                    + " on plan and build pin it. Reads the CNCF distribution registry's notifications, Quay's"
                    + " repo_push and Docker Hub's webhook. A request without the shared secret, or with a payload"
                    + " it cannot read, is refused with the reason and changes nothing.",
            "",
            "--listen serves POST " + WebhookServer.PATH + " (that path exactly) until stopped (Ctrl-C, SIGTERM),"
                    + " answering requests concurrently: at most 128 connections, each closed after 5 s of silence"
                    + " or when its request has not arrived 10 s after it opened; bodies up to 1 MiB. --payload"
                    + " reads one payload from a file (for a CI job that received it elsewhere).",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  openssl rand -hex 24 > webhook.secret",
            "  imagegraph webhook --dir . --listen 0.0.0.0:8099 --secret-file webhook.secret",
            "      # distribution registry config.yml: notifications.endpoints[].url: http://builder:8099/webhook",
            "      #   headers: {Authorization: [\"Bearer <secret>\"]}",
            "      # Quay or Docker Hub: http://builder:8099/webhook?token=<secret>",
            "  imagegraph webhook --dir . --payload quay-push.json",
            "",
            "Exit codes: 0 served until stopped, or the payload was read; 1 the state folder or a registry failed;"
                    + " 2 bad input (a payload that is refused, a bad address or secret)."
        })
final class WebhookCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GraphOptions graphOptions;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    static final class Mode {
        @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Serve the webhook endpoint here.")
        String listen;

        @Option(names = "--payload", paramLabel = "FILE", description = "Read one payload from this file.")
        Path payload;
    }

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "The file holding the shared secret senders must give (required with --listen).")
    Path secretFile;

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
        ImageGraph graph = graphOptions.load(err).graph();
        LoadedSecret secret = secret();
        WebhookReceiver receiver;
        receiver = new WebhookReceiver(secret.secret(), UpstreamWatches.of(graph),
                registryOptions.registries(new LocalProcessRunner(), null),
                UpstreamState.in(stateOption.forGraph(graph.root())), Clock.systemUTC());
        if (mode.payload != null) {
            return readPayload(receiver, secret.value(), graph, out);
        }
        InetSocketAddress address = address(mode.listen);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(stopped::countDown, "imagegraph-webhook-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        TagHistory history = TagHistory.in(stateOption.forGraph(graph.root()));
        MutationFollower follower = MutationFollowing.follower(graph, registryOptions, stateOption.forGraph(graph.root()));
        try (WebhookServer server = WebhookServer.start(address, receiver, checks -> {
            history.record(TagEvents.ofUpstream(checks, Instant.now()));
            follow(follower, checks, err);
        }, err, WebhookLimits.standard())) {
            err.println("imagegraph: receiving webhooks on http://" + address.getHostString() + ":" + server.port()
                    + WebhookServer.PATH + " for " + UpstreamWatches.of(graph).size() + " watches; Ctrl-C stops");
            err.flush();
            stopped.await();
        } catch (IOException e) {
            throw new BadInputException("cannot listen on " + mode.listen + ": " + e.getMessage());
        }
        return ExitCodes.OK;
    }

    private int readPayload(WebhookReceiver receiver, String secret, ImageGraph graph, PrintWriter out)
            throws BadInputException, IOException, InterruptedException, RegistryException {
        Path graphRoot = graph.root();
        byte[] body;
        try {
            body = Files.readAllBytes(mode.payload);
        } catch (NoSuchFileException e) {
            throw new BadInputException("the payload file " + mode.payload + " does not exist");
        }
        WebhookReceiver.Outcome outcome;
        List<MutationResult> mutated;
        try {
            outcome = receiver.receive(Map.of("X-Imagegraph-Token", List.of(secret)), Optional.empty(), body);
            TagHistory.in(stateOption.forGraph(graphRoot)).record(TagEvents.ofUpstream(outcome.checks(), Instant.now()));
            mutated = MutationFollowing.follower(graph, registryOptions, stateOption.forGraph(graphRoot))
                    .follow(outcome.checks(), MutationFollowing.runId(), result -> { });
        } catch (WebhookRejectedException e) {
            throw new BadInputException(mode.payload + ": " + e.getMessage());
        }
        if (output.json("webhook")) {
            out.print(io.imagegraph.core.upstream.WebhookOutcomeJson.toJson(outcome));
            out.flush();
            return ExitCodes.OK;
        }
        TextTable table = new TextTable("WATCH", "STATUS", "TAG", "DIGEST");
        for (UpstreamCheck check : outcome.checks()) {
            table.row(check.watch(), check.status().id(), check.tag(), check.digest());
        }
        out.print(table.render());
        outcome.ignored().forEach(push -> out.println("Ignored (not watched): " + push));
        if (!mutated.isEmpty()) {
            out.println("Overrides reapplied (imagegraph mutate):");
            out.print(MutationTable.of(mutated));
        }
        out.flush();
        return mutated.stream().anyMatch(r -> r.status() == MutationResult.Status.FAILED) ? ExitCodes.FAILED
                : ExitCodes.OK;
    }

    /** Reapplies the mutations whose upstream a push moved, saying so in the server's log. */
    private static void follow(MutationFollower follower, List<UpstreamCheck> checks, PrintWriter log)
            throws IOException {
        try {
            follower.follow(checks, MutationFollowing.runId(), result -> log.println("imagegraph: mutation "
                    + result.name() + " " + result.status() + ": " + result.reason()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.flush();
    }

    /** The secret and its text: read from --secret-file, or, for a payload file, made up (the file is trusted). */
    private record LoadedSecret(WebhookSecret secret, String value) {
    }

    private LoadedSecret secret() throws BadInputException, IOException {
        if (secretFile == null) {
            if (mode.listen != null) {
                throw new BadInputException("--listen needs --secret-file: a file holding the shared secret senders"
                        + " give (make one with: openssl rand -hex 24 > webhook.secret)");
            }
            String local = java.util.UUID.randomUUID().toString();
            return new LoadedSecret(WebhookSecret.of(local), local);
        }
        try {
            String value = Files.readString(secretFile).strip();
            return new LoadedSecret(WebhookSecret.of(value), value);
        } catch (NoSuchFileException e) {
            throw new BadInputException("the secret file " + secretFile + " does not exist");
        } catch (IllegalArgumentException e) {
            throw new BadInputException(secretFile + ": " + e.getMessage());
        }
    }

    private static InetSocketAddress address(String listen) throws BadInputException {
        int colon = listen.lastIndexOf(':');
        try {
            int port = Integer.parseInt(listen.substring(colon + 1));
            String host = colon <= 0 ? "127.0.0.1" : listen.substring(0, colon).replace("[", "").replace("]", "");
            return new InetSocketAddress(host, port);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new BadInputException("--listen takes HOST:PORT (such as 127.0.0.1:8099), not " + listen);
        }
    }
}
