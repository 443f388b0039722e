package io.imagegraph.core.tunnel;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Docker Engine that is elsewhere, made local: a unix socket in a private folder (0700) of its
 * own whose every connection is forwarded, byte for byte in both directions, through an
 * {@link EngineConnector}. docker, BuildKit's session (the build context, {@code --secret},
 * {@code --ssh}) and pushes work through it unchanged, and nothing is written on the far machine.
 * When the connector cannot connect, the client's connection is closed at once (docker says it
 * cannot reach the Engine); when the far side is lost, the connections it carried are closed.
 * {@link #close()} stops accepting, closes every connection and removes the folder.
 */
public final class EngineTunnel implements Closeable {

    private final String name;
    private final Path folder;
    private final Path socket;
    private final ServerSocketChannel server;
    private final EngineConnector connector;
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger opened = new AtomicInteger();
    private final Thread acceptor;

    private EngineTunnel(String name, Path folder, ServerSocketChannel server, EngineConnector connector) {
        this.name = name;
        this.folder = folder;
        this.socket = folder.resolve("engine.sock");
        this.server = server;
        this.connector = connector;
        this.acceptor = new Thread(this::accept, "imagegraph tunnel " + name);
        this.acceptor.setDaemon(true);
    }

    /**
     * Opens a tunnel for the Engine {@code connector} reaches, listening in a new private folder
     * under the system's temporary folder, {@code imagegraph-NAME-…} (its name cut to 24 characters,
     * for a unix socket's path limit), so that messages naming the socket name the far machine.
     *
     * @param name what the tunnel is for, in thread names and messages (the agent's name)
     */
    public static EngineTunnel open(String name, EngineConnector connector) throws IOException {
        String label = name.replaceAll("[^A-Za-z0-9._-]", "-");
        Path folder = Files.createTempDirectory("imagegraph-" + label.substring(0, Math.min(label.length(), 24)) + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(folder.resolve("engine.sock")));
        } catch (IOException e) {
            server.close();
            Files.deleteIfExists(folder);
            throw new IOException("cannot listen for " + name + "'s Engine in " + folder + ": " + e.getMessage(), e);
        }
        EngineTunnel tunnel = new EngineTunnel(name, folder, server, connector);
        tunnel.acceptor.start();
        return tunnel;
    }

    /** The value for DOCKER_HOST. */
    public URI url() {
        return URI.create("unix://" + socket);
    }

    /** How many client connections the tunnel has forwarded (opened or refused). */
    public int connectionsOpened() {
        return opened.get();
    }

    private void accept() {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            connections.add(client);
            Thread forward = new Thread(() -> forward(client), "imagegraph tunnel " + name + " #" + opened.incrementAndGet());
            forward.setDaemon(true);
            forward.start();
        }
    }

    /** Connects one client through the connector; both directions then run on pumps of their own. */
    private void forward(SocketChannel client) {
        OutputStream toEngine;
        try {
            toEngine = connector.open(new ClientSide(client));
        } catch (IOException | RuntimeException e) {
            drop(client);
            return;
        } catch (InterruptedException e) {
            drop(client);
            Thread.currentThread().interrupt();
            return;
        }
        BytePump.start("imagegraph tunnel " + name + " to the Engine", SocketStreams.input(client), toEngine,
                () -> { }, () -> {
                    drop(client);
                    try {
                        toEngine.close();
                    } catch (IOException ignored) {
                        // the Engine's side is gone too
                    }
                });
    }

    private void drop(SocketChannel client) {
        connections.remove(client);
        try {
            client.close();
        } catch (IOException ignored) {
            // already broken
        }
    }

    /** The client's side as the connector writes the Engine's answer to it: closed, the client's connection ends. */
    private final class ClientSide extends ForwardingOutput {
        private final SocketChannel client;

        ClientSide(SocketChannel client) {
            super(SocketStreams.halfClosingOutput(client));
            this.client = client;
        }

        @Override
        public void close() {
            drop(client);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel client : connections) {
            drop(client);
        }
        Files.deleteIfExists(socket);
        Files.deleteIfExists(folder);
    }

    @Override
    public String toString() {
        return name + " at " + url();
    }
}
