package io.imagegraph.cli;

import io.imagegraph.core.upstream.UpstreamCheck;
import io.imagegraph.core.upstream.WebhookReceiver;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.List;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The webhook endpoint of {@code imagegraph webhook --listen}: {@code POST /webhook} on the
 * address given, answered with JSON — what was recorded, or why the request was refused. Jetty
 * serves requests concurrently without a thread per waiting connection; the {@link WebhookLimits}
 * bound what one client can hold: connections at once, silence, the time for a request to
 * arrive, and the body's size. So a client that sends half a header, or its body one byte at a
 * time, delays nobody else.
 */
final class WebhookServer implements AutoCloseable {

    static final String PATH = "/webhook";
    private static final int THREADS = 32;

    private final Server server;
    private final ServerConnector connector;

    private WebhookServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    static WebhookServer start(InetSocketAddress address, WebhookReceiver receiver, PrintWriter log) throws IOException {
        return start(address, receiver, checks -> { }, log, WebhookLimits.standard());
    }

    /** @param recorded told of the checks of each accepted request (the tag history records them) */
    static WebhookServer start(InetSocketAddress address, WebhookReceiver receiver, Recorder recorded, PrintWriter log,
                               WebhookLimits limits) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(THREADS, 4);
        threads.setName("imagegraph-webhook");
        threads.setDaemon(true);
        ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("imagegraph-webhook-deadlines", true);
        Server server = new Server(threads, scheduler, null);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(address.getHostString());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        RequestDeadlines deadlines = new RequestDeadlines(limits.requestDeadline(), scheduler, log);
        connector.addBean(deadlines);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        server.setHandler(new WebhookHandler(receiver, recorded, log, limits, deadlines, threads));
        server.setStopTimeout(2000);
        try {
            server.start();
        } catch (Exception e) {
            stop(server);
            throw new IOException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
        return new WebhookServer(server, connector);
    }

    int port() {
        return connector.getLocalPort();
    }

    /** What to do with the checks of an accepted request, besides answering it. */
    @FunctionalInterface
    interface Recorder {
        void record(List<UpstreamCheck> checks) throws IOException;
    }

    @Override
    public void close() {
        stop(server);
    }

    private static void stop(Server server) {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("the webhook server did not stop: " + e.getMessage(), e);
        }
    }
}
