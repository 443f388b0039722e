package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.registry.CredentialResolver;
import io.imagegraph.core.registry.DistributionRegistries;
import io.imagegraph.core.registry.RetryPolicy;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.upstream.UpstreamState;
import io.imagegraph.core.upstream.WebhookReceiver;
import io.imagegraph.core.upstream.WebhookSecret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook server against real sockets: well-behaved, slow, silent, large and stray clients. */
class WebhookServerTest {

    private static final String SECRET = "a-shared-secret-of-some-length";
    /** A push nobody watches: answered 200 without asking any registry. */
    private static final byte[] UNWATCHED_PUSH = "{\"push_data\": {\"tag\": \"1\"}, \"repository\": {\"repo_name\": \"acme/x\"}}"
            .getBytes(StandardCharsets.UTF_8);
    private static final WebhookLimits SHORT = new WebhookLimits(64, Duration.ofMillis(1500), Duration.ofSeconds(3),
            1024 * 1024, 64L * 1024 * 1024);

    @TempDir
    Path dir;

    private final StringWriter log = new StringWriter();
    private final List<Socket> clients = new ArrayList<>();
    private final ExecutorService tricklers = Executors.newCachedThreadPool();
    private WebhookServer server;

    private int start(WebhookLimits limits) throws IOException {
        WebhookReceiver receiver = new WebhookReceiver(WebhookSecret.of(SECRET), List.of(),
                new DistributionRegistries(CredentialResolver.anonymous(), Set.of(), RetryPolicy.standard()),
                UpstreamState.in(StateDirectory.at(dir)), Clock.systemUTC());
        server = WebhookServer.start(new InetSocketAddress("127.0.0.1", 0), receiver, checks -> { },
                new PrintWriter(log, true), limits);
        return server.port();
    }

    @AfterEach
    void stop() throws IOException {
        tricklers.shutdownNow();
        for (Socket client : clients) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The status of a request, which must come within the time given. */
    private static int post(int port, String path, byte[] body, String secret, Duration within) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                .openConnection();
        connection.setConnectTimeout((int) within.toMillis());
        connection.setReadTimeout((int) within.toMillis());
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        if (secret != null) {
            connection.setRequestProperty("Authorization", "Bearer " + secret);
        }
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    /** A valid request, answered 200; returns how long the answer took, in milliseconds. */
    private static long valid(int port) throws IOException {
        long started = System.nanoTime();
        assertThat(post(port, WebhookServer.PATH, UNWATCHED_PUSH, SECRET, Duration.ofSeconds(5))).isEqualTo(200);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    private Socket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        clients.add(socket);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Milliseconds until the server closed the connection (reading end of stream, or a reset). */
    private static long closedAfter(Socket socket, long startedNanos, Duration atMost) throws IOException {
        socket.setSoTimeout((int) atMost.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // whatever the server sends before closing
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open for " + atMost);
        } catch (IOException reset) {
            // closed
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    /** Asserts the server has not closed the connection: a read waits rather than ending. */
    private static void stillOpen(Socket socket) {
        try {
            socket.setSoTimeout(50);
            int read = socket.getInputStream().read();
            throw new AssertionError("the server answered or closed the connection (read " + read + ")");
        } catch (SocketTimeoutException open) {
            // still open, nothing sent
        } catch (IOException e) {
            throw new AssertionError("the connection was reset: " + e.getMessage(), e);
        }
    }

    /** Sends a byte every interval from a thread of its own, until the server closes the connection. */
    private Future<?> trickle(Socket socket, String text, Duration interval) {
        return tricklers.submit(() -> {
            for (int i = 0; ; i = (i + 1) % text.length()) {
                try {
                    send(socket, text.substring(i, i + 1));
                    Thread.sleep(interval.toMillis());
                } catch (IOException | InterruptedException closed) {
                    return null;
                }
            }
        });
    }

    @Test
    void halfAHeader_heldOpen_delaysNoValidRequest_andIsClosedAfterTheIdleTimeout() throws Exception {
        int port = start(SHORT);
        Socket half = connect(port);
        long opened = System.nanoTime();
        send(half, "POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-");
        for (int i = 0; i < 5; i++) {
            assertThat(valid(port)).isLessThan(1000);
        }
        assertThat(closedAfter(half, opened, Duration.ofSeconds(5))).isBetween(1000L, 3000L);
    }

    @Test
    void headerTrickledByteByByte_isClosedAtTheRequestDeadline_andDelaysNoValidRequest() throws Exception {
        int port = start(SHORT);
        Socket slow = connect(port);
        long opened = System.nanoTime();
        trickle(slow, "POST /webhook HTTP/1.1\r\nX-Padding: " + "a".repeat(200), Duration.ofMillis(300));
        assertThat(valid(port)).isLessThan(1000);
        assertThat(closedAfter(slow, opened, Duration.ofSeconds(6))).isBetween(2500L, 4500L);
        assertThat(log.toString()).contains("its request did not arrive within 3000 ms");
    }

    @Test
    void slowBody_isClosedAtTheRequestDeadline_andDelaysNoValidRequest() throws Exception {
        int port = start(SHORT);
        Socket slow = connect(port);
        long opened = System.nanoTime();
        send(slow, "POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + SECRET
                + "\r\nContent-Length: 5000\r\n\r\n");
        trickle(slow, "{", Duration.ofMillis(300));
        for (int i = 0; i < 5; i++) {
            assertThat(valid(port)).isLessThan(1000);
        }
        assertThat(closedAfter(slow, opened, Duration.ofSeconds(6))).isBetween(2500L, 4500L);
    }

    @Test
    void twentySlowClientsHoldingConnections_everyValidRequestIsServedWithinOneSecond() throws Exception {
        int port = start(new WebhookLimits(64, Duration.ofSeconds(5), Duration.ofSeconds(20), 1024 * 1024,
            64L * 1024 * 1024));
        for (int i = 0; i < 20; i++) {
            Socket slow = connect(port);
            if (i % 2 == 0) {
                trickle(slow, "POST /webhook HTTP/1.1\r\nX-Padding: " + "a".repeat(500), Duration.ofMillis(200));
            } else {
                send(slow, "POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + SECRET
                        + "\r\nContent-Length: 100000\r\n\r\n");
                trickle(slow, "{\"events\": []}", Duration.ofMillis(200));
            }
        }
        Thread.sleep(500);
        long slowest = 0;
        int served = 0;
        for (int i = 0; i < 40; i++) {
            slowest = Math.max(slowest, valid(port));
            served++;
        }
        System.out.printf("webhook: %d/40 valid requests served while 20 slow clients held connections;"
                + " slowest %d ms%n", served, slowest);
        assertThat(slowest).isLessThan(1000);
        assertThat(clients).as("the slow clients still hold their connections").allSatisfy(WebhookServerTest::stillOpen);
    }

    @Test
    void bodyOf10MB_isAnswered413EveryTime_notReset() throws Exception {
        int port = start(SHORT);
        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        for (int i = 0; i < 10; i++) {
            assertThat(post(port, WebhookServer.PATH, tenMegabytes, SECRET, Duration.ofSeconds(10))).isEqualTo(413);
        }
        assertThat(log.toString()).contains("refused (413): the payload is larger than 1024 KiB");
        assertThat(valid(port)).isLessThan(1000);
    }

    @Test
    void chunkedBodyOverTheLimit_isAnswered413() throws Exception {
        int port = start(SHORT);
        Socket client = connect(port);
        StringBuilder request = new StringBuilder("POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + SECRET + "\r\nTransfer-Encoding: chunked\r\n\r\n");
        String chunk = "x".repeat(65536);
        for (int i = 0; i < 20; i++) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        request.append("0\r\n\r\n");
        send(client, request.toString());
        client.setSoTimeout(5000);
        String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(answer).startsWith("HTTP/1.1 413").contains("the payload is larger than 1024 KiB");
    }

    @Test
    void wrongSecret_isAnswered401_evenWithALargeBody() throws Exception {
        int port = start(SHORT);
        assertThat(post(port, WebhookServer.PATH, new byte[5 * 1024 * 1024], "not-the-secret", Duration.ofSeconds(10)))
                .isEqualTo(401);
    }

    @Test
    void pathsThatOnlyBeginWithTheWebhooksPath_areAnswered404() throws Exception {
        int port = start(SHORT);
        for (String path : List.of("/webhookx", "/webhook/../x", "/webhook/", "/webhook/x", "/x/../webhook", "/WEBHOOK",
                "/webhook;x", "/")) {
            assertThat(post(port, path, UNWATCHED_PUSH, SECRET, Duration.ofSeconds(5))).as(path).isEqualTo(404);
        }
        assertThat(post(port, "/webhook%2f..%2fx", UNWATCHED_PUSH, SECRET, Duration.ofSeconds(5))).isEqualTo(400);
        assertThat(log.toString()).contains("refused (404): there is nothing at /webhookx; the webhook is POST /webhook");
        assertThat(post(port, WebhookServer.PATH + "?token=" + SECRET, UNWATCHED_PUSH, null, Duration.ofSeconds(5)))
                .isEqualTo(200);
    }

    @Test
    void get_isAnswered405() throws Exception {
        int port = start(SHORT);
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + WebhookServer.PATH)
                .toURL().openConnection();
        connection.setReadTimeout(5000);
        assertThat(connection.getResponseCode()).isEqualTo(405);
        assertThat(connection.getHeaderField("Allow")).isEqualTo("POST");
        connection.disconnect();
    }

    @Test
    void connectionLimitReached_furtherClientsWaitUntilTheIdleTimeoutFreesOne() throws Exception {
        int port = start(new WebhookLimits(4, Duration.ofMillis(1500), Duration.ofSeconds(20), 1024 * 1024,
                64L * 1024 * 1024));
        for (int i = 0; i < 4; i++) {
            send(connect(port), "POST /webhook HTTP/1.1\r\n");
        }
        Thread.sleep(200);
        long waited = valid(port);
        assertThat(waited).as("served only once a silent connection was closed").isBetween(1000L, 4000L);
        assertThat(valid(port)).isLessThan(1000);
    }
}
