package io.jenkins.plugins.imagegraph;

import hudson.model.Computer;
import hudson.remoting.Channel;
import hudson.remoting.RemoteOutputStream;
import hudson.remoting.VirtualChannel;
import io.imagegraph.core.tunnel.EngineConnector;
import io.imagegraph.core.tunnel.EngineSocketConnector;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import jenkins.security.MasterToSlaveCallable;

/**
 * On the controller: opens a connection to one leased agent's own Engine for the workspace
 * agent's tunnel, through the agent's channel. It refuses once the agent's leases have all ended
 * (aborted, or the agent lost), so the build host is found down and its builds move on; and when
 * the agent's channel closes or its leases end, it ends the connections it carried, so no docker
 * client waits for an Engine that is gone.
 */
final class AgentEngineRelay implements EngineConnector {

    private final String name;
    private final Computer computer;
    private final HashMap<String, String> environment;
    private final List<ExecutorLease> leases;
    private final Set<OutputStream> carried = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean watching = new AtomicBoolean();

    AgentEngineRelay(String name, Computer computer, Map<String, String> environment, List<ExecutorLease> leases) {
        this.name = name;
        this.computer = computer;
        this.environment = new HashMap<>(environment);
        this.leases = List.copyOf(leases);
        this.leases.forEach(lease -> lease.whenEnded(this::endCarriedIfNoLeaseHolds));
    }

    @Override
    public OutputStream open(OutputStream toClient) throws IOException, InterruptedException {
        if (leases.stream().noneMatch(ExecutorLease::holding)) {
            throw new IOException("agent " + name + " holds no executor for this build any more (aborted or offline)");
        }
        VirtualChannel channel = computer.getChannel();
        if (channel == null) {
            throw new IOException("agent " + name + " is offline");
        }
        if (channel instanceof Channel remote && watching.compareAndSet(false, true)) {
            remote.addListener(new Channel.Listener() {
                @Override
                public void onClosed(Channel closed, IOException cause) {
                    endCarried();
                }
            });
        }
        OutputStream client = new CarriedOutput(toClient);
        carried.add(client);
        try {
            return new RemoteOutputStream(channel.call(new OpenEngine(name, environment, new RemoteOutputStream(client))));
        } catch (IOException | RuntimeException e) {
            carried.remove(client);
            throw e;
        }
    }

    private void endCarriedIfNoLeaseHolds() {
        if (leases.stream().noneMatch(ExecutorLease::holding)) {
            endCarried();
        }
    }

    /** Ends every client connection this relay carries: their docker clients see the Engine gone. */
    private void endCarried() {
        for (OutputStream client : List.copyOf(carried)) {
            try {
                client.close();
            } catch (IOException ignored) {
                // the client's side is gone already
            }
        }
    }

    /** The client's side of one connection, forgotten by the relay once it is closed. */
    private final class CarriedOutput extends FilterOutputStream {
        CarriedOutput(OutputStream toClient) {
            super(toClient);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            carried.remove(this);
            out.close();
        }
    }

    /** On the build agent: connects to its Engine (its DOCKER_HOST), the Engine's bytes going back to the client. */
    private static final class OpenEngine extends MasterToSlaveCallable<OutputStream, IOException> {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final HashMap<String, String> environment;
        private final OutputStream toClient;

        OpenEngine(String name, HashMap<String, String> environment, OutputStream toClient) {
            this.name = name;
            this.environment = environment;
            this.toClient = toClient;
        }

        @Override
        public OutputStream call() throws IOException {
            try {
                return new RemoteOutputStream(EngineSocketConnector.of(environment, "agent " + name).open(toClient));
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }
}
