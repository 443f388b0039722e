package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.testing.Busybox;
import io.imagegraph.core.testing.DockerDaemon;
import io.imagegraph.core.testing.GraphFixture;
import io.imagegraph.core.testing.LoopbackRegistry;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness for the figure "secrets found in logs, reports, argv, environment" (target 0): a
 * build, smoke test and promotion against a registry that wants a password, and a webhook receiver
 * given a shared secret, each a process of its own; while they run, the command line and the
 * environment of every process they start are read from /proc, and afterwards every file they
 * wrote (logs, reports, state, what they printed) is searched for the password (also as the
 * base64 that docker's config.json holds) and the secret. The files holding them on purpose (the
 * config.json and the secret file) are searched too, as a control that the search finds them.
 */
class SecretExposureTest {

    private static final String USER = "robot";
    private static final String PASSWORD = "pw-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
    private static final String SECRET = "webhook-secret-" + Long.toHexString(System.nanoTime());

    @TempDir
    Path dir;

    private final Set<String> processTexts = ConcurrentHashMap.newKeySet();
    private int samples;

    @Test
    void buildTestPromoteAndWebhook_leaveTheSecretsInNoLogReportStateFileArgvOrEnvironment() throws Exception {
        DockerDaemon docker = DockerDaemon.shared();
        Path graph = dir.resolve("graph");
        Path credentials = dir.resolve("credentials");
        String namespace = "sx" + Long.toHexString(System.nanoTime());
        new GraphFixture(graph)
                .graphFile("namespace: " + namespace + "\nimages:\n  app:\n    smokeTests:\n      - name: env\n"
                        + "        command: [/bin/busybox, env]\n        timeoutSeconds: 60\n")
                .image("base", "FROM scratch\nCOPY busybox /bin/busybox\n")
                .image("app", "FROM base\nCOPY app.txt /app.txt\n")
                .file("images/app/app.txt", "app\n");
        Busybox.copyInto(graph.resolve("images/base/busybox"));
        try (LoopbackRegistry registry = LoopbackRegistry.withHtpasswd(USER, PASSWORD)) {
            String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            Path config = Files.createDirectories(credentials).resolve("config.json");
            Files.writeString(config, "{\"auths\": {\"" + registry.host() + "\": {\"auth\": \"" + auth + "\"}}}");
            Path secretFile = Files.writeString(credentials.resolve("webhook.secret"), SECRET + "\n");
            String[] registryConfig = {"--registry-config", config.toString()};

            run(dir.resolve("p1"), 0, "build", "-d", graph.toString(), "-H", docker.host(), "--registry",
                    registry.host(), registryConfig[0], registryConfig[1], "--progress", "plain");
            Path report = Files.walk(graph.resolve(".imagegraph/runs")).filter(f -> f.endsWith("build-report.json"))
                    .findFirst().orElseThrow();
            run(dir.resolve("p2"), 0, "test", "-d", graph.toString(), "-H", docker.host(), "--report",
                    report.toString());
            run(dir.resolve("p3"), 0, "promote", "--report", report.toString(), "--to", "latest",
                    registryConfig[0], registryConfig[1]);
            webhook(graph, secretFile, config, registry);
            assertThat(registry.manifestStatus(namespace + "/app", "latest")).as("the registry wants the password")
                    .isEqualTo(401);

            List<String> needles = List.of(PASSWORD, auth, SECRET);
            List<String> found = new ArrayList<>();
            int files = 0;
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path file : all.filter(Files::isRegularFile).toList()) {
                    boolean control = file.startsWith(credentials);
                    files += control ? 0 : 1;
                    String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    needles.stream().filter(content::contains).forEach(needle -> found.add((control ? "control " : "")
                            + dir.relativize(file) + " holds " + (needle.equals(SECRET) ? "the webhook secret"
                            : "the registry password")));
                }
            }
            for (String text : processTexts) {
                needles.stream().filter(text::contains).forEach(needle -> found.add("process: " + text));
            }
            List<String> leaks = found.stream().filter(place -> !place.startsWith("control ")).toList();
            System.out.printf("secrets: %d found in %d files written and %d command lines and environments of"
                    + " processes (%d samples)%n", leaks.size(), files, processTexts.size(), samples);
            assertThat(found).as("the search finds the secrets where they are kept on purpose")
                    .contains("control credentials/config.json holds the registry password",
                            "control credentials/webhook.secret holds the webhook secret");
            assertThat(leaks).isEmpty();
            assertThat(processTexts).as("the processes were sampled, docker's too")
                    .anyMatch(text -> text.startsWith("cmdline of") && text.contains("docker"))
                    .anyMatch(text -> text.startsWith("environ of") && text.contains("DOCKER_CONFIG="));
        }
    }

    /** Runs imagegraph to its end, sampling its processes meanwhile, and checks its exit code. */
    private void run(Path out, int exitCode, String... args) throws Exception {
        try (CliProcess process = CliProcess.start(out, Map.of("DOCKER_CONFIG", dir.resolve("credentials").toString()),
                args)) {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            do {
                sample(process.pid());
            } while (!process.ended(Duration.ofMillis(20)) && System.nanoTime() < deadline);
            assertThat(process.exitCode(Duration.ofSeconds(1))).as(process.out() + process.err()).isEqualTo(exitCode);
        }
    }

    private void webhook(Path graph, Path secretFile, Path config, LoopbackRegistry registry) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (CliProcess receiver = CliProcess.start(dir.resolve("p4"), Map.of(), "webhook", "-d", graph.toString(),
                "--listen", "127.0.0.1:" + port, "--secret-file", secretFile.toString(), "--registry-config",
                config.toString())) {
            receiver.awaitErr("receiving webhooks", Duration.ofSeconds(60));
            sample(receiver.pid());
            String payload = "{\"docker_url\": \"" + registry.host() + "/upstream/x\", \"updated_tags\": [\"1\"]}";
            for (String[] request : new String[][] {{"?token=" + SECRET, null}, {"", "Bearer " + SECRET},
                    {"?token=wrong-" + SECRET, null}, {"x?token=" + SECRET, null}}) {
                post("http://127.0.0.1:" + port + WebhookServer.PATH + request[0], request[1], payload);
                sample(receiver.pid());
            }
            receiver.interrupt();
            receiver.exitCode(Duration.ofSeconds(30));
        }
    }

    private static void post(String url, String authorization, String payload) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setReadTimeout(10_000);
        if (authorization != null) {
            connection.setRequestProperty("Authorization", authorization);
        }
        connection.getOutputStream().write(payload.getBytes(StandardCharsets.UTF_8));
        connection.getResponseCode();
        connection.disconnect();
    }

    /** Reads the command line and environment of the process and all it started, as anyone on the host may. */
    private void sample(long pid) {
        samples++;
        ProcessHandle.of(pid).ifPresent(root -> Stream.concat(Stream.of(root), root.descendants()).forEach(process -> {
            for (String part : List.of("cmdline", "environ")) {
                try {
                    byte[] bytes = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), part));
                    processTexts.add(part + " of " + process.info().command().orElse("?") + ": "
                            + new String(bytes, StandardCharsets.ISO_8859_1).replace('\0', ' '));
                } catch (IOException ended) {
                    // the process ended between listing and reading
                }
            }
        }));
    }
}
