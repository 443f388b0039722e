package io.jenkins.plugins.imagegraph;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What the image-graph steps share: where the graph is in the workspace ({@code dir}) and which
 * graph file it has. The steps run inside {@code node}, in the workspace.
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

    /** The context every image-graph step needs: a build, its log, its environment and a workspace. */
    abstract static class GraphStepDescriptor extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, EnvVars.class);
        }
    }
}
