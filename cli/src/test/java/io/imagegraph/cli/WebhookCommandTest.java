package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.plan.UpstreamWatches;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.registry.CredentialResolver;
import io.imagegraph.core.registry.DistributionRegistries;
import io.imagegraph.core.registry.DistributionRegistry;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.RegistryEndpoint;
import io.imagegraph.core.registry.RetryPolicy;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.testing.GraphFixture;
import io.imagegraph.core.testing.LoopbackRegistry;
import io.imagegraph.core.testing.TestImages;
import io.imagegraph.core.upstream.UpstreamDigest;
import io.imagegraph.core.upstream.UpstreamState;
import io.imagegraph.core.upstream.WebhookReceiver;
import io.imagegraph.core.upstream.WebhookSecret;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhooks from a real CNCF registry's notifications, and from payload files. */
class WebhookCommandTest {

    private static final String SECRET = "a-shared-secret-of-some-length";

    @TempDir
    Path dir;

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void registryNotification_ofAWatchedTag_isRecorded_andAWrongSecretChangesNothing() throws Exception {
        int port = freePort();
        try (LoopbackRegistry registry = LoopbackRegistry.withNotifications("http://127.0.0.1:" + port
                + WebhookServer.PATH, SECRET)) {
            String watched = registry.host() + "/upstream/debian:12";
            GraphFixture fixture = new GraphFixture(dir).image("base", "FROM " + watched + "\n");
            StateDirectory state = StateDirectory.at(dir.resolve(".imagegraph"));
            WebhookReceiver receiver = new WebhookReceiver(WebhookSecret.of(SECRET), UpstreamWatches.of(fixture.graph()),
                    new DistributionRegistries(CredentialResolver.anonymous(), Set.of(), RetryPolicy.standard()),
                    UpstreamState.in(state), Clock.systemUTC());
            StringWriter log = new StringWriter();
            try (WebhookServer server = WebhookServer.start(new InetSocketAddress("127.0.0.1", port), receiver,
                    new PrintWriter(log, true))) {
                HttpURLConnection forged = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + WebhookServer.PATH)
                        .toURL().openConnection();
                forged.setRequestMethod("POST");
                forged.setDoOutput(true);
                forged.setRequestProperty("Authorization", "Bearer not-the-secret");
                try (OutputStream body = forged.getOutputStream()) {
                    try (var payload = WebhookCommandTest.class.getResourceAsStream("/webhooks/distribution-push.json")) {
                        body.write(payload.readAllBytes());
                    }
                }
                assertThat(forged.getResponseCode()).isEqualTo(401);
                assertThat(UpstreamState.in(state).changes()).isEmpty();

                DistributionRegistry client = DistributionRegistry.of(RegistryEndpoint.of(
                        RegistryHost.parse(registry.host())), CredentialResolver.anonymous());
                Manifest pushed = TestImages.push(client, "upstream/debian", "12", "pushed upstream");
                UpstreamDigest recorded = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (recorded == null && System.nanoTime() < deadline) {
                    recorded = UpstreamState.in(state).current().get(watched);
                    Thread.sleep(100);
                }
                assertThat(recorded).as(log.toString()).isNotNull();
                assertThat(recorded.digest()).isEqualTo(pushed.digest().toString());
                assertThat(recorded.via()).isEqualTo("webhook:distribution");
                assertThat(log.toString()).contains("refused (401): the shared secret is wrong")
                        .contains(watched + " first_seen 12@" + pushed.digest());
            }
        }
    }

    @Test
    void payloadFile_fromQuay_isRecordedWithTheDigestTheRegistryGives() throws Exception {
        try (LoopbackRegistry registry = LoopbackRegistry.start()) {
            new GraphFixture(dir).image("base", "FROM " + registry.host() + "/centos/centos:stream9\n");
            Manifest pushed = TestImages.push(DistributionRegistry.of(RegistryEndpoint.of(
                    RegistryHost.parse(registry.host())), CredentialResolver.anonymous()), "centos/centos", "stream9", "c");
            Path payload = Files.writeString(dir.resolve("quay.json"), "{\"docker_url\": \"" + registry.host()
                    + "/centos/centos\", \"updated_tags\": [\"stream9\", \"stream8\"]}", StandardCharsets.UTF_8);
            CliRun run = CliRun.of("webhook", "-d", dir.toString(), "--payload", payload.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).containsPattern("centos/centos:stream9 +first_seen +stream9 +" + pushed.digest())
                    .contains("Ignored (not watched): " + registry.host() + "/centos/centos:stream8");
            CliRun again = CliRun.of("webhook", "-d", dir.toString(), "--payload", payload.toString(), "-o", "json");
            assertThat(again.out()).contains("\"status\" : \"unchanged\"")
                    .contains("\"ignored\" : [ \"" + registry.host() + "/centos/centos:stream8\" ]");
        }
    }

    @Test
    void payloadFile_pushOfAMutationsUpstream_reappliesTheMutation() throws Exception {
        try (LoopbackRegistry registry = LoopbackRegistry.start()) {
            new GraphFixture(dir).graphFile("mutations:\n  prod:\n    from: " + registry.host()
                    + "/openstack/keystone:2024.2\n    env: {LOG_LEVEL: debug}\n").image("base", "FROM scratch\n");
            Manifest pushed = TestImages.push(DistributionRegistry.of(RegistryEndpoint.of(
                    RegistryHost.parse(registry.host())), CredentialResolver.anonymous()), "openstack/keystone",
                    "2024.2", "keystone");
            Path payload = Files.writeString(dir.resolve("quay.json"), "{\"docker_url\": \"" + registry.host()
                    + "/openstack/keystone\", \"updated_tags\": [\"2024.2\"]}", StandardCharsets.UTF_8);
            CliRun run = CliRun.of("webhook", "-d", dir.toString(), "--payload", payload.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("Overrides reapplied").containsPattern("prod +mutated +" + registry.host()
                    + "/openstack/keystone:2024.2-prod").contains(pushed.digest().toString().substring(0, 19));
        }
    }

    @Test
    void malformedPayloadFile_isBadInputSayingWhy() throws Exception {
        new GraphFixture(dir).image("base", "FROM debian:12\n");
        Path payload = Files.writeString(dir.resolve("bad.json"), "{\"hello\": 1}");
        CliRun run = CliRun.of("webhook", "-d", dir.toString(), "--payload", payload.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bad.json: the payload is none of the formats image-graph reads");
    }

    @Test
    void listenOnAPortInUse_isBadInputNamingTheAddress() throws Exception {
        new GraphFixture(dir).image("base", "FROM debian:12\n");
        Path secret = Files.writeString(dir.resolve("webhook.secret"), SECRET);
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();
            CliRun run = CliRun.of("webhook", "-d", dir.toString(), "--listen", address, "--secret-file",
                    secret.toString());
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("cannot listen on " + address + ": ").doesNotContain("\tat ");
        }
    }

    @Test
    void listenWithoutSecret_isBadInput() {
        new GraphFixture(dir).image("base", "FROM debian:12\n");
        CliRun run = CliRun.of("webhook", "-d", dir.toString(), "--listen", "127.0.0.1:0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--listen needs --secret-file");
    }
}
