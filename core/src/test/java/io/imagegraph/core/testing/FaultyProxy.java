package io.imagegraph.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An HTTP proxy on 127.0.0.1 in front of a registry that injects faults: answers such as 503 or
 * 429 (with a Retry-After), a connection closed without an answer, or a redirect to the registry
 * itself (as registries on object storage redirect blob downloads), for the next requests that
 * match, then passes the rest through. It can also pass a request on and drop the registry's
 * answer (the registry applied it, the client never hears), fail every matching request from the
 * Nth on, and run an action once the Nth matching request reached the registry (stop it, say)
 * before its answer goes back. It counts the requests it saw.
 */
public final class FaultyProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "expect", "keep-alive");

    private final HttpServer server;
    private final String target;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();

    /**
     * What to do instead of passing a matching request on; status 0 closes the connection, a 3xx
     * status redirects to the same path on the registry behind the proxy, {@link #APPLY_THEN_DROP}
     * passes it on and closes the connection instead of answering.
     */
    private record Fault(Predicate<String> matches, int status, String retryAfter) {
    }

    private static final int APPLY_THEN_DROP = -1;

    /** From the {@code first}th matching request on, every one gets {@code status} (0: dropped). */
    private record Outage(String match, int first, int status, AtomicInteger seen) {
    }

    /** Runs once, when the {@code nth} matching request has reached the registry. */
    private record Trigger(String match, int nth, Runnable action, AtomicInteger seen) {
    }

    private final ConcurrentLinkedQueue<Outage> outages = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Trigger> triggers = new ConcurrentLinkedQueue<>();

    private FaultyProxy(String target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.start();
    }

    /** A proxy in front of {@code host:port}. */
    public static FaultyProxy in(String targetHost) throws IOException {
        return new FaultyProxy(targetHost);
    }

    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public int requests() {
        return requests.get();
    }

    /** The "METHOD path" of every request the proxy saw, in order. */
    public List<String> seen() {
        return List.copyOf(seen);
    }

    /** The next {@code times} requests whose "METHOD path" contains {@code match} get {@code status}. */
    public FaultyProxy answer(String match, int status, int times) {
        return answer(match, status, times, null);
    }

    public FaultyProxy answer(String match, int status, int times, String retryAfter) {
        for (int i = 0; i < times; i++) {
            faults.add(new Fault(line -> line.contains(match), status, retryAfter));
        }
        return this;
    }

    /** The next {@code times} matching requests are sent to the registry itself with a 307. */
    public FaultyProxy redirect(String match, int times) {
        return answer(match, 307, times, null);
    }

    /** The next {@code times} matching requests see their connection closed with no answer. */
    public FaultyProxy drop(String match, int times) {
        return answer(match, 0, times, null);
    }

    /**
     * The next {@code times} matching requests reach the registry, which applies them, but their
     * connection is closed before the answer: the client cannot tell whether it was applied.
     */
    public FaultyProxy applyThenDrop(String match, int times) {
        return answer(match, APPLY_THEN_DROP, times, null);
    }

    /** Every request matching {@code match} from the {@code first}th on gets {@code status} (0: dropped). */
    public FaultyProxy failFrom(String match, int first, int status) {
        outages.add(new Outage(match, first, status, new AtomicInteger()));
        return this;
    }

    /**
     * When the {@code nth} request matching {@code match} has been applied by the registry, runs
     * {@code action} before that request's answer goes back (such as stopping the registry).
     */
    public FaultyProxy afterApplied(String match, int nth, Runnable action) {
        triggers.add(new Trigger(match, nth, action, new AtomicInteger()));
        return this;
    }

    /** Forgets every fault, outage and trigger still waiting: from now on everything passes. */
    public FaultyProxy heal() {
        faults.clear();
        outages.clear();
        triggers.clear();
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String line = exchange.getRequestMethod() + " " + exchange.getRequestURI();
        seen.add(line);
        for (Outage outage : outages) {
            if (line.contains(outage.match()) && outage.seen().incrementAndGet() >= outage.first()) {
                exchange.getRequestBody().readAllBytes();
                if (outage.status() != 0) {
                    exchange.sendResponseHeaders(outage.status(), -1);
                }
                exchange.close();
                return;
            }
        }
        for (Fault fault : faults) {
            if (fault.status() == APPLY_THEN_DROP && fault.matches().test(line) && faults.remove(fault)) {
                forward(exchange, line, false);
                return;
            }
            if (fault.matches().test(line) && faults.remove(fault)) {
                exchange.getRequestBody().readAllBytes();
                if (fault.status() == 0) {
                    exchange.close();
                    return;
                }
                if (fault.status() / 100 == 3) {
                    exchange.getResponseHeaders().set("Location", "http://" + target + exchange.getRequestURI());
                }
                if (fault.retryAfter() != null) {
                    exchange.getResponseHeaders().set("Retry-After", fault.retryAfter());
                }
                exchange.sendResponseHeaders(fault.status(), -1);
                exchange.close();
                return;
            }
        }
        forward(exchange, line, true);
    }

    /** Passes the request on; {@code answer} false closes the connection instead of answering. */
    private void forward(HttpExchange exchange, String line, boolean answer) throws IOException {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + target + exchange.getRequestURI()));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            byte[] body = exchange.getRequestBody().readAllBytes();
            request.method(exchange.getRequestMethod(), body.length == 0 && !exchange.getRequestMethod().equals("PUT")
                    && !exchange.getRequestMethod().equals("POST") ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            for (Trigger trigger : triggers) {
                if (line.contains(trigger.match()) && trigger.seen().incrementAndGet() == trigger.nth()) {
                    trigger.action().run();
                }
            }
            if (!answer) {
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
            boolean head = exchange.getRequestMethod().equals("HEAD");
            if (head) {
                response.headers().firstValue("Content-Length")
                        .ifPresent(length -> exchange.getResponseHeaders().set("Content-Length", length));
            }
            exchange.sendResponseHeaders(response.statusCode(), head || response.body().length == 0 ? -1
                    : response.body().length);
            if (!head && response.body().length > 0) {
                exchange.getResponseBody().write(response.body());
            }
        } catch (IOException e) {
            exchange.sendResponseHeaders(502, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
