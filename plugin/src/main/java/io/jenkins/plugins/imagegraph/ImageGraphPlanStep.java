package io.jenkins.plugins.imagegraph;

import hudson.Extension;
import io.imagegraph.core.pipeline.PlanWork;
import io.imagegraph.core.pipeline.StepEnvironment;
import io.imagegraph.core.pipeline.StepRecord;
import io.imagegraph.core.run.RunRequestException;
import io.imagegraph.core.track.ConfiguredHolds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code imageGraphPlan}: what {@code buildImageGraph} would build, with the same selection and
 * change scope (a pull request's diff), without building; returns the plan as
 * {@code imagegraph plan -o json} prints it ({@code toBuild}, {@code order}, {@code images}).
 */
public final class ImageGraphPlanStep extends SelectingStep {

    @DataBoundConstructor
    public ImageGraphPlanStep() {
    }

    @Override
    Work work(StepContext context) throws Exception {
        return new Work(new OnAgent(StepInputs.of(context, "", ""), this, ImageGraphConfiguration.get()), getDir());
    }

    /** The plan, on the agent. */
    private static final class OnAgent extends AgentWork {

        private static final long serialVersionUID = 1L;
        private final GraphSettings graph;
        private final SelectionSettings selection;

        OnAgent(StepInputs inputs, ImageGraphPlanStep step, ImageGraphConfiguration configuration) {
            super(inputs);
            this.graph = step.graphSettings(configuration);
            this.selection = step.selectionSettings();
        }

        @Override
        StepRecord work(StepEnvironment environment, ConfiguredHolds holds, Path workspace, Consumer<String> log)
                throws RunRequestException, IOException, InterruptedException {
            return new PlanWork(environment, log).run(new PlanWork.Request(graph.root(workspace), graph.load(),
                    selection.selection(), selection.changedFrom(), selection.allImages()));
        }
    }

    @Extension
    @Symbol("imageGraphPlan")
    public static final class DescriptorImpl extends GraphStepDescriptor {

        @Override
        public String getFunctionName() {
            return "imageGraphPlan";
        }

        @Override
        public String getDisplayName() {
            return "Plan an image-graph build without building";
        }
    }
}
