package io.jenkins.plugins.imagegraph;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.imagegraph.core.pipeline.StepRecord;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs a step's work on the agent in a thread of its own (the step can be stopped: the work is
 * interrupted, its processes killed, and what was done is still reported), writes the run's summary
 * to the log, keeps the run's reports and lineage with the build, and fails the step, after
 * recording, when the work did not succeed. A step cannot resume after Jenkins restarts.
 */
final class GraphStepExecution extends SynchronousNonBlockingStepExecution<Object> {

    private static final long serialVersionUID = 1L;
    private final transient GraphStep step;

    GraphStepExecution(GraphStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected Object run() throws Exception {
        FilePath workspace = getContext().get(FilePath.class);
        TaskListener listener = getContext().get(TaskListener.class);
        Run<?, ?> run = getContext().get(Run.class);
        GraphStep.Work work = step.work(getContext());
        StepRecord record = StepRecord.fromMap(workspace.act(work.onAgent()));
        record.summary().forEach(line -> listener.getLogger().println("imagegraph: " + line));
        if (!record.runId().isEmpty()) {
            ImageGraphAction.record(run, record, work.dir());
        }
        if (!record.succeeded()) {
            throw new AbortException("imagegraph: " + record.failure().orElse("the step did not succeed"));
        }
        return record.value();
    }
}
