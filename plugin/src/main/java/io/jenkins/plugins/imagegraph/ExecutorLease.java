package io.jenkins.plugins.imagegraph;

import hudson.model.Executor;
import hudson.model.Label;
import hudson.model.Node;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.queue.SubTask;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * One executor of an agent, taken through Jenkins' queue for a {@code buildImageGraph agents:}
 * step, as the {@code node} step takes one: queued for that agent alone, it shows in the executor
 * list as busy while it holds a build slot on the agent's Engine, and is given back by
 * {@link #release()}. Aborted from the executor list, or its agent lost, it ends, and
 * {@link #holding()} says so.
 */
final class ExecutorLease implements Queue.TransientTask {

    private final transient Run<?, ?> run;
    private final String node;
    private final transient Label label;
    private final transient CompletableFuture<Executor> started = new CompletableFuture<>();
    private final transient CountDownLatch released = new CountDownLatch(1);
    private transient volatile boolean ended;
    private final transient List<Runnable> onEnd = new CopyOnWriteArrayList<>();

    ExecutorLease(Run<?, ?> run, Node node) {
        this.run = run;
        this.node = node.getNodeName();
        this.label = node.getSelfLabel();
    }

    /** Completes when an executor runs the lease. */
    CompletableFuture<Executor> started() {
        return started;
    }

    /** Whether the lease runs on its executor now (granted, not released, not aborted). */
    boolean holding() {
        return started.isDone() && !ended;
    }

    /** Runs {@code action} when the lease ends on its executor (released, aborted, or its agent lost). */
    void whenEnded(Runnable action) {
        onEnd.add(action);
    }

    String node() {
        return node;
    }

    /** Gives the executor back, or, still queued, leaves the queue. */
    void release() {
        released.countDown();
        Queue.getInstance().cancel(this);
    }

    @Override
    public Label getAssignedLabel() {
        return label;
    }

    @Override
    public String getName() {
        return getDisplayName();
    }

    @Override
    public String getFullDisplayName() {
        return getDisplayName();
    }

    @Override
    public String getDisplayName() {
        return "image-graph builds of " + run.getFullDisplayName();
    }

    @Override
    public String getUrl() {
        return run.getUrl();
    }

    @Override
    public long getEstimatedDuration() {
        return -1;
    }

    @Override
    public Queue.Executable createExecutable() {
        return new Held(this);
    }

    /** The lease running on its executor: it waits until it is released or interrupted. */
    private static final class Held implements Queue.Executable {
        private final ExecutorLease lease;

        Held(ExecutorLease lease) {
            this.lease = lease;
        }

        @Override
        public SubTask getParent() {
            return lease;
        }

        @Override
        public void run() {
            lease.started.complete(Executor.currentExecutor());
            try {
                lease.released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lease.ended = true;
                lease.onEnd.forEach(Runnable::run);
            }
        }

        @Override
        public long getEstimatedDuration() {
            return -1;
        }

        @Override
        public String toString() {
            return lease.getDisplayName() + " on " + (lease.node.isEmpty() ? "the built-in node" : lease.node);
        }
    }
}
