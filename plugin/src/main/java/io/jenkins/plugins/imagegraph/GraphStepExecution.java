package io.jenkins.plugins.imagegraph;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.imagegraph.core.pipeline.StepAfterRestart;
import io.imagegraph.core.pipeline.StepRecord;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.springframework.security.core.Authentication;

/**
 * Runs a step's work on the agent in a thread of its own, writes the run's summary to the log,
 * keeps the run's reports and lineage with the build, and fails the step, after recording, when
 * the work did not succeed.
 *
 * <p>Stopped (the build aborted), the work is interrupted and its processes killed; the record of
 * what was done still reaches the build page, and then the step ends with the stop's cause, so
 * the build shows as aborted. A step cannot resume after Jenkins restarts (its work ran in the
 * controller's memory): it fails with a sentence naming the step and what to rerun.
 */
final class GraphStepExecution extends StepExecution {

    private static final long serialVersionUID = 2L;
    /** How long a stopped step waits for its work to record what it did before it ends anyway. */
    static final long STOP_GRACE_SECONDS = 60;

    private final transient GraphStep step;
    private final String functionName;
    private transient volatile Future<?> task;
    private transient volatile Throwable stopCause;
    private transient AtomicBoolean ended;

    GraphStepExecution(GraphStep step, StepContext context, String functionName) {
        super(context);
        this.step = step;
        this.functionName = functionName;
    }

    @Override
    public boolean start() {
        ended = new AtomicBoolean();
        Authentication build = Jenkins.getAuthentication2();
        task = Computer.threadPoolForRemoting.submit(() -> {
            try (ACLContext ignored = ACL.as2(build)) {
                Object value = run();
                end(null, value);
            } catch (Throwable failure) {
                end(failure, null);
            }
        });
        return false;
    }

    private Object run() throws Exception {
        FilePath workspace = getContext().get(FilePath.class);
        TaskListener listener = getContext().get(TaskListener.class);
        Run<?, ?> run = getContext().get(Run.class);
        GraphStep.Work work = step.work(getContext());
        StepRecord record;
        try (java.io.Closeable leased = work.release()) {
            record = StepRecord.fromMap(workspace.act(work.onAgent()));
        } catch (InterruptedException e) {
            if (stopCause != null) {
                listener.getLogger().println("imagegraph: " + functionName + " was stopped before its agent answered;"
                        + " what it did is in the run's reports in the workspace");
            }
            throw e;
        }
        record.summary().forEach(line -> listener.getLogger().println("imagegraph: " + line));
        if (!record.runId().isEmpty()) {
            ImageGraphAction.record(run, record, work.dir());
            if (!record.watches().isEmpty()) {
                ImageChangeTrigger.baseline(run.getParent());
            }
        }
        if (!record.succeeded()) {
            throw new AbortException("imagegraph: " + record.failure().orElse("the step did not succeed"));
        }
        return record.value();
    }

    /** Ends the step once: with the stop's cause when it was stopped, else with the work's result. */
    private void end(Throwable failure, Object value) {
        if (ended == null || !ended.compareAndSet(false, true)) {
            return;
        }
        Throwable stopped = stopCause;
        if (stopped != null) {
            getContext().onFailure(stopped);
        } else if (failure != null) {
            getContext().onFailure(failure);
        } else {
            getContext().onSuccess(value);
        }
    }

    /**
     * Interrupts the work, which kills its processes and still records what was done; the step ends
     * when that is recorded, or after {@link #STOP_GRACE_SECONDS} whatever happens.
     */
    @Override
    public void stop(Throwable cause) {
        stopCause = cause;
        Future<?> running = task;
        if (running == null) {
            getContext().onFailure(cause);
            return;
        }
        running.cancel(true);
        Timer.get().schedule(() -> end(cause, null), STOP_GRACE_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void onResume() {
        getContext().onFailure(new AbortException(StepAfterRestart.failure(functionName)));
    }

    @Override
    public String getStatus() {
        Future<?> running = task;
        return running == null ? "not started" : running.isDone() ? "done" : "running on the agent";
    }
}
