package io.imagegraph.core.tunnel;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connects to a Docker Engine where it listens on this machine's network: its {@code DOCKER_HOST}
 * ({@code unix://PATH} or a plain {@code tcp://HOST:PORT}). A TLS Engine ({@code DOCKER_TLS_VERIFY}
 * set) and {@code ssh://} are refused with a sentence: the tunnel forwards bytes, and docker on the
 * other end speaks plain HTTP to its unix socket.
 */
public final class EngineSocketConnector implements EngineConnector {

    private static final int DOCKER_PORT = 2375;
    private static final String DEFAULT_SOCKET = "unix:///var/run/docker.sock";

    private final String where;
    private final SocketAddress address;

    private EngineSocketConnector(String where, SocketAddress address) {
        this.where = where;
        this.address = address;
    }

    /** Of a machine's environment, what names its Engine ({@code DOCKER_HOST}, {@code DOCKER_TLS_VERIFY}): all {@link #of} reads. */
    public static Map<String, String> engineVariables(Map<String, String> environment) {
        Map<String, String> engine = new java.util.LinkedHashMap<>();
        for (String key : List.of("DOCKER_HOST", "DOCKER_TLS_VERIFY")) {
            if (environment.containsKey(key)) {
                engine.put(key, environment.get(key));
            }
        }
        return engine;
    }

    /** The Engine's endpoint the environment names, as {@link #of} reads it: {@code DOCKER_HOST}, else the default socket. */
    public static String endpoint(Map<String, String> environment) {
        String host = environment.getOrDefault("DOCKER_HOST", "");
        return host.isBlank() ? DEFAULT_SOCKET : host.strip();
    }

    /**
     * The Engine the environment names: {@code DOCKER_HOST}, else the default socket.
     *
     * @param where the machine, for messages ("agent builder-1")
     * @throws IllegalArgumentException when the Engine is one the tunnel cannot forward to, saying why
     */
    public static EngineSocketConnector of(Map<String, String> environment, String where) {
        String host = endpoint(environment);
        String verify = environment.getOrDefault("DOCKER_TLS_VERIFY", "");
        URI url;
        try {
            url = URI.create(host);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": DOCKER_HOST=" + host + " is not a URL");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme();
        switch (scheme) {
            case "unix" -> {
                return new EngineSocketConnector(where + "'s Engine at " + url,
                        UnixDomainSocketAddress.of(Path.of(url.getPath())));
            }
            case "tcp" -> {
                if (!verify.isEmpty() && !verify.equals("0")) {
                    throw new IllegalArgumentException(where + ": DOCKER_HOST=" + host + " wants TLS (DOCKER_TLS_VERIFY"
                            + " is set), which image-graph cannot forward to; let docker listen on a unix socket on"
                            + " that machine, or configure the Engine as a build host with its client certificates");
                }
                if (url.getHost() == null) {
                    throw new IllegalArgumentException(where + ": DOCKER_HOST=" + host + " names no host; use"
                            + " tcp://HOST:PORT");
                }
                return new EngineSocketConnector(where + "'s Engine at " + url, new InetSocketAddress(url.getHost(),
                        url.getPort() < 0 ? DOCKER_PORT : url.getPort()));
            }
            default -> throw new IllegalArgumentException(where + ": DOCKER_HOST=" + host + " is not an Engine image-graph"
                    + " can reach through the agent; use unix:///PATH or tcp://HOST:PORT on that machine");
        }
    }

    @Override
    public OutputStream open(OutputStream toClient) throws IOException {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(address);
        } catch (IOException e) {
            throw new IOException("cannot connect to " + where + ": " + e.getMessage(), e);
        }
        AtomicInteger open = new AtomicInteger(2);
        Runnable oneEnded = () -> {
            if (open.decrementAndGet() == 0) {
                closeQuietly(channel);
            }
        };
        Runnable failed = () -> {
            closeQuietly(channel);
            try {
                toClient.close();
            } catch (IOException ignored) {
                // the client's side is gone too
            }
        };
        BytePump.start("imagegraph engine " + where, SocketStreams.input(channel), toClient, oneEnded, failed);
        OutputStream toEngine = SocketStreams.halfClosingOutput(channel);
        AtomicBoolean closed = new AtomicBoolean();
        return new ForwardingOutput(toEngine) {
            @Override
            public void close() throws IOException {
                if (!closed.compareAndSet(false, true)) {
                    return;
                }
                try {
                    closeThrough();
                } finally {
                    oneEnded.run();
                }
            }
        };
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing what is already broken
        }
    }

    @Override
    public String toString() {
        return where;
    }
}
