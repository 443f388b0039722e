package io.jenkins.plugins.imagegraph;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What the image-graph steps share: where the graph is in the workspace ({@code dir}) and which
 * graph file it has, and how they run: each makes the work to send to the agent, which
 * {@link GraphStepExecution} runs. The steps run inside {@code node}, in the workspace.
 */
public abstract class GraphStep extends Step {

    private String dir = "";
    private String graphFile = "";

    public String getDir() {
        return dir;
    }

    /** The graph root, relative to the workspace (default: the workspace). */
    @DataBoundSetter
    public void setDir(String dir) {
        this.dir = dir;
    }

    public String getGraphFile() {
        return graphFile;
    }

    /** The graph file, relative to the graph root (default: imagegraph.yaml when there is one). */
    @DataBoundSetter
    public void setGraphFile(String graphFile) {
        this.graphFile = graphFile;
    }

    @Override
    public final StepExecution start(StepContext context) {
        return new GraphStepExecution(this, context, getDescriptor().getFunctionName());
    }

    /**
     * The work to send to the agent, and the graph root it works in (which the steps after it default to).
     *
     * @param onAgent the work
     * @param dir     the graph root, relative to the workspace
     * @param release what the step leased for the work (build hosts' TLS folders), released when it ends
     */
    record Work(AgentWork onAgent, String dir, java.io.Closeable release) {

        Work(AgentWork onAgent, String dir) {
            this(onAgent, dir, () -> { });
        }
    }

    /** This step's work, made on the controller from the step's parameters and Jenkins' context. */
    abstract Work work(StepContext context) throws Exception;

    /** The run a step works on: the report it names, else the one this build's last buildImageGraph wrote. */
    record Target(String report, String dir) {
    }

    static Target target(StepContext context, String report, String dir) throws Exception {
        if (report != null && !report.isBlank()) {
            return new Target(report, dir);
        }
        ImageGraphAction last = ImageGraphAction.last(context.get(Run.class));
        if (last == null) {
            throw new AbortException("no buildImageGraph step has run in this build yet; run it first, or give"
                    + " report: the path of a build-report.json in the workspace");
        }
        return new Target(last.getBuildReport(), dir == null || dir.isBlank() ? last.getDir() : dir);
    }

    /** The context every image-graph step needs: a build, its log, its environment and a workspace. */
    abstract static class GraphStepDescriptor extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, EnvVars.class);
        }
    }
}
