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
 * recording, when the work did not succeed.
 */
abstract class GraphStepExecution extends SynchronousNonBlockingStepExecution<Object> {

    private static final long serialVersionUID = 1L;

    GraphStepExecution(StepContext context) {
        super(context);
    }

    /** The work to run on the agent. */
    abstract AgentWork work() throws Exception;

    /** The graph root the work used, relative to the workspace, for the steps after it. */
    abstract String dir();

    /** The run a step works on: the report it names, else the one this build's last buildImageGraph wrote. */
    record Target(String report, String dir) {
    }

    final Target target(String report, String dir) throws Exception {
        if (report != null && !report.isBlank()) {
            return new Target(report, dir);
        }
        ImageGraphAction last = ImageGraphAction.last(getContext().get(Run.class));
        if (last == null) {
            throw new AbortException("no buildImageGraph step has run in this build yet; run it first, or give"
                    + " report: the path of a build-report.json in the workspace");
        }
        return new Target(last.getBuildReport(), dir == null || dir.isBlank() ? last.getDir() : dir);
    }

    @Override
    protected final Object run() throws Exception {
        FilePath workspace = getContext().get(FilePath.class);
        TaskListener listener = getContext().get(TaskListener.class);
        Run<?, ?> run = getContext().get(Run.class);
        StepRecord record = StepRecord.fromMap(workspace.act(work()));
        record.summary().forEach(line -> listener.getLogger().println("imagegraph: " + line));
        if (!record.runId().isEmpty()) {
            ImageGraphAction.record(run, record, dir());
        }
        if (!record.succeeded()) {
            throw new AbortException("imagegraph: " + record.failure().orElse("the step did not succeed"));
        }
        return record.value();
    }
}
