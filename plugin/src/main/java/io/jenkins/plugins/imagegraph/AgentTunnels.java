package io.jenkins.plugins.imagegraph;

import io.imagegraph.core.build.BuildHost;
import io.imagegraph.core.tunnel.EngineTunnel;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** On the workspace agent: one {@link EngineTunnel} per leased agent, each a build host; closed after the build. */
final class AgentTunnels implements Closeable {

    private final List<EngineTunnel> tunnels;
    private final List<BuildHost> hosts;

    private AgentTunnels(List<EngineTunnel> tunnels, List<BuildHost> hosts) {
        this.tunnels = tunnels;
        this.hosts = hosts;
    }

    static AgentTunnels open(List<AgentEngine> engines) throws IOException {
        List<EngineTunnel> tunnels = new ArrayList<>();
        List<BuildHost> hosts = new ArrayList<>();
        AgentTunnels opened = new AgentTunnels(tunnels, hosts);
        try {
            for (AgentEngine engine : engines) {
                EngineTunnel tunnel = EngineTunnel.open(engine.name(), engine);
                tunnels.add(tunnel);
                hosts.add(new BuildHost(engine.name(), tunnel.url(), engine.slots(), Optional.empty()));
            }
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
        return opened;
    }

    List<BuildHost> hosts() {
        return hosts;
    }

    @Override
    public void close() throws IOException {
        Optional<IOException> first = CloseAll.of(tunnels);
        if (first.isPresent()) {
            throw first.get();
        }
    }
}
