package io.imagegraph.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.imagegraph.core.files.JsonDocuments;
import io.imagegraph.core.upstream.UpstreamCheck;
import io.imagegraph.core.upstream.WebhookOutcomeJson;
import io.imagegraph.core.upstream.WebhookReceiver;
import io.imagegraph.core.upstream.WebhookRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The webhook endpoint of {@code imagegraph webhook --listen}: {@code POST /webhook} on the
 * address given, one request at a time (each is small), answered with JSON — what was recorded, or
 * why the request was refused. A request body over 1 MiB is refused unread.
 */
final class WebhookServer implements AutoCloseable {

    static final String PATH = "/webhook";
    private static final int MAX_BODY = 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;

    private WebhookServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static WebhookServer start(InetSocketAddress address, WebhookReceiver receiver, PrintWriter log) throws IOException {
        return start(address, receiver, checks -> { }, log);
    }

    /** @param recorded told of the checks of each accepted request (the tag history records them) */
    static WebhookServer start(InetSocketAddress address, WebhookReceiver receiver, Recorder recorded, PrintWriter log)
            throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        server.setExecutor(executor);
        server.createContext(PATH, exchange -> handle(exchange, receiver, recorded, log));
        server.start();
        return new WebhookServer(server, executor);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** What to do with the checks of an accepted request, besides answering it. */
    @FunctionalInterface
    interface Recorder {
        void record(java.util.List<UpstreamCheck> checks) throws IOException;
    }

    private static void handle(HttpExchange exchange, WebhookReceiver receiver, Recorder recorded, PrintWriter log)
            throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                answer(exchange, 405, error("send the payload with POST"));
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                answer(exchange, 413, error("the payload is larger than 1 MiB"));
                return;
            }
            String from = exchange.getRemoteAddress().getAddress().getHostAddress();
            try {
                WebhookReceiver.Outcome outcome = receiver.receive(exchange.getRequestHeaders(),
                        token(exchange.getRequestURI().getRawQuery()), body);
                recorded.record(outcome.checks());
                for (UpstreamCheck check : outcome.checks()) {
                    log.println("imagegraph: webhook from " + from + ": " + check.watch() + " " + check.status().id()
                            + " " + check.tag() + "@" + check.digest());
                }
                outcome.ignored().forEach(push -> log.println("imagegraph: webhook from " + from + ": " + push
                        + " is not watched; ignored"));
                log.flush();
                answer(exchange, 200, WebhookOutcomeJson.toJson(outcome));
            } catch (WebhookRejectedException e) {
                log.println("imagegraph: webhook from " + from + " refused (" + e.status() + "): " + e.getMessage());
                log.flush();
                answer(exchange, e.status(), error(e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer(exchange, 503, error("the receiver is stopping"));
            } catch (IOException e) {
                log.println("imagegraph: webhook from " + from + " failed: " + e.getMessage());
                log.flush();
                answer(exchange, 500, error("the state folder cannot be written: " + e.getMessage()));
            }
        }
    }

    private static Optional<String> token(String rawQuery) {
        if (rawQuery == null) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("token=")) {
                return Optional.of(URLDecoder.decode(pair.substring("token=".length()), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private static String error(String message) {
        return JsonDocuments.toString(json -> json.writeStringField("error", message));
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }
}
