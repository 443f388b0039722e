package io.jenkins.plugins.imagegraph;

import hudson.remoting.RemoteOutputStream;
import io.imagegraph.core.tunnel.EngineConnector;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;

/**
 * On the workspace agent: one leased agent's Engine, reached through the controller's
 * {@link AgentEngineRelay} (exported to this agent's channel), for the {@code EngineTunnel} the
 * build's docker client uses as that agent's DOCKER_HOST.
 *
 * @param name  the agent's build host name
 * @param slots the executors the step holds on it
 * @param relay the controller's relay, as this agent's channel reaches it
 */
record AgentEngine(String name, int slots, EngineConnector relay) implements EngineConnector, Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public OutputStream open(OutputStream toClient) throws IOException, InterruptedException {
        return relay.open(new RemoteOutputStream(toClient));
    }
}
