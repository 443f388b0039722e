package io.jenkins.plugins.imagegraph;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Computer;
import hudson.model.Label;
import hudson.model.Node;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.Channel;
import hudson.remoting.VirtualChannel;
import io.imagegraph.core.pipeline.AgentExecutors;
import io.imagegraph.core.tunnel.EngineConnector;
import io.imagegraph.core.tunnel.EngineSocketConnector;
import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The executors one {@code buildImageGraph agents: 'label'} step holds, taken through Jenkins'
 * queue ({@link ExecutorLease}) and released by {@link #close()}, whatever happened: each agent
 * with granted executors becomes a build host with as many slots, whose Engine (the agent's
 * DOCKER_HOST) the workspace agent reaches through the agent's channel ({@link AgentEngine}).
 * How many executors to ask for and how long to wait is {@link AgentExecutors}'s decision.
 */
final class AgentLeases implements Closeable {

    private static final long PROGRESS_SECONDS = 30;

    private final List<ExecutorLease> leases;
    private final ArrayList<AgentEngine> engines;

    private AgentLeases(List<ExecutorLease> leases, ArrayList<AgentEngine> engines) {
        this.leases = List.copyOf(leases);
        this.engines = engines;
    }

    /** No agents: the step builds where it runs (or on its configured build hosts). */
    static AgentLeases none() {
        return new AgentLeases(List.of(), new ArrayList<>());
    }

    /**
     * Queues the executors, waits for them as {@link AgentExecutors} decides, and connects each agent
     * that granted some; on any failure (or the step stopped while waiting) gives them all back.
     *
     * @param workspace the workspace the step's work runs in, whose agent the Engines are exported to
     */
    static AgentLeases lease(String labelExpression, Optional<Integer> perAgent, Run<?, ?> run, FilePath workspace,
                             TaskListener listener) throws Exception {
        Label label;
        try {
            label = Label.parseExpression(labelExpression);
        } catch (RuntimeException e) {
            throw new AbortException("agents: '" + labelExpression + "' is not a label expression: " + e.getMessage());
        }
        Map<String, Integer> online = new LinkedHashMap<>();
        Map<String, Node> nodes = new LinkedHashMap<>();
        List<String> offline = new ArrayList<>();
        List<Node> withLabel = new ArrayList<>(label.getNodes());
        withLabel.sort(java.util.Comparator.comparing(Node::getNodeName));
        for (Node node : withLabel) {
            Computer computer = node.toComputer();
            if (computer != null && computer.isOnline() && computer.isAcceptingTasks()) {
                online.put(node.getNodeName(), node.getNumExecutors());
                nodes.put(node.getNodeName(), node);
            } else {
                offline.add(AgentExecutors.hostName(node.getNodeName()));
            }
        }
        AgentExecutors executors;
        try {
            executors = AgentExecutors.request(labelExpression, online, offline, perAgent);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        List<ExecutorLease> leases = new ArrayList<>();
        executors.requested().forEach((name, count) -> {
            for (int i = 0; i < count; i++) {
                leases.add(new ExecutorLease(run, nodes.get(name)));
            }
        });
        AgentLeases taken = new AgentLeases(leases, new ArrayList<>());
        try {
            for (ExecutorLease lease : leases) {
                if (Queue.getInstance().schedule2(lease, 0).isRefused()) {
                    throw new AbortException("Jenkins' queue refused to schedule an executor of agent "
                            + AgentExecutors.hostName(lease.node()) + " for this build (a queue decision handler"
                            + " vetoed it); allow it, or give agents: a label of agents it allows");
                }
            }
            Map<String, Integer> granted = waitFor(executors, leases, listener);
            executors.started(granted).forEach(line -> listener.getLogger().println("imagegraph: " + line));
            for (ExecutorLease lease : leases) {
                if (!lease.holding()) {
                    lease.release();
                }
            }
            taken.connect(nodes, leases, workspace, listener);
            return taken;
        } catch (Exception | Error e) {
            taken.close();
            throw e;
        }
    }

    private static Map<String, Integer> waitFor(AgentExecutors executors, List<ExecutorLease> leases,
                                                TaskListener listener) throws InterruptedException {
        long start = System.nanoTime();
        long lastSaid = -1;
        while (true) {
            Map<String, Integer> granted = new LinkedHashMap<>();
            for (ExecutorLease lease : leases) {
                if (lease.holding()) {
                    granted.merge(lease.node(), 1, Integer::sum);
                }
            }
            long waited = System.nanoTime() - start;
            if (executors.decide(granted, Duration.ofNanos(waited)) == AgentExecutors.Decision.START) {
                return granted;
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(waited);
            if (lastSaid < 0 || seconds - lastSaid >= PROGRESS_SECONDS) {
                listener.getLogger().println("imagegraph: " + executors.progress(granted));
                lastSaid = seconds;
            }
            Thread.sleep(200);
        }
    }

    private void connect(Map<String, Node> nodes, List<ExecutorLease> all, FilePath workspace, TaskListener listener)
            throws Exception {
        VirtualChannel channel = workspace.getChannel();
        for (Map.Entry<String, Node> each : nodes.entrySet()) {
            List<ExecutorLease> held = all.stream().filter(lease -> lease.node().equals(each.getKey()))
                    .filter(ExecutorLease::holding).toList();
            if (held.isEmpty()) {
                continue;
            }
            String name = AgentExecutors.hostName(each.getKey());
            Computer computer = each.getValue().toComputer();
            if (computer == null) {
                throw new AbortException("agent " + name + " was removed while the step waited for its executors");
            }
            EnvVars environment = computer.getEnvironment();
            environment.overrideAll(computer.buildEnvironment(listener));
            Map<String, String> docker = EngineSocketConnector.engineVariables(environment);
            try {
                EngineSocketConnector.of(docker, "agent " + name);
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
            EngineConnector relay = new AgentEngineRelay(name, computer, docker, held);
            if (channel instanceof Channel remote) {
                relay = remote.export(EngineConnector.class, relay);
            }
            engines.add(new AgentEngine(name, held.size(), relay));
            listener.getLogger().println("imagegraph: " + AgentExecutors.connected(each.getKey(),
                    EngineSocketConnector.endpoint(docker), held.size()));
        }
    }

    /** For the step's work: each agent's Engine as the workspace agent reaches it. */
    ArrayList<AgentEngine> engines() {
        return engines;
    }

    @Override
    public void close() {
        leases.forEach(ExecutorLease::release);
    }
}
