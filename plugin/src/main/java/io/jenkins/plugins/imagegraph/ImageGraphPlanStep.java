package io.jenkins.plugins.imagegraph;

import hudson.Extension;
import io.imagegraph.core.pipeline.PlanWork;
import io.imagegraph.core.pipeline.StepEnvironment;
import io.imagegraph.core.pipeline.StepOptions;
import io.imagegraph.core.pipeline.StepRecord;
import io.imagegraph.core.run.RunRequestException;
import io.imagegraph.core.track.ConfiguredHolds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code imageGraphPlan}: what {@code buildImageGraph} would build, with the same selection and
 * change scope (a pull request's diff), without building; returns the plan as
 * {@code imagegraph plan -o json} prints it ({@code toBuild}, {@code order}, {@code images}).
 */
public final class ImageGraphPlanStep extends GraphStep {

    private String builder = "";
    private String platform = "";
    private String images = "";
    private String profiles = "";
    private String excludes = "";
    private boolean withParents;
    private boolean withChildren;
    private String changedFrom = "";
    private boolean allImages;

    @DataBoundConstructor
    public ImageGraphPlanStep() {
    }

    public String getBuilder() {
        return builder;
    }

    @DataBoundSetter
    public void setBuilder(String builder) {
        this.builder = builder;
    }

    public String getPlatform() {
        return platform;
    }

    @DataBoundSetter
    public void setPlatform(String platform) {
        this.platform = platform;
    }

    public String getImages() {
        return images;
    }

    @DataBoundSetter
    public void setImages(String images) {
        this.images = images;
    }

    public String getProfiles() {
        return profiles;
    }

    @DataBoundSetter
    public void setProfiles(String profiles) {
        this.profiles = profiles;
    }

    public String getExcludes() {
        return excludes;
    }

    @DataBoundSetter
    public void setExcludes(String excludes) {
        this.excludes = excludes;
    }

    public boolean isWithParents() {
        return withParents;
    }

    @DataBoundSetter
    public void setWithParents(boolean withParents) {
        this.withParents = withParents;
    }

    public boolean isWithChildren() {
        return withChildren;
    }

    @DataBoundSetter
    public void setWithChildren(boolean withChildren) {
        this.withChildren = withChildren;
    }

    public String getChangedFrom() {
        return changedFrom;
    }

    @DataBoundSetter
    public void setChangedFrom(String changedFrom) {
        this.changedFrom = changedFrom;
    }

    public boolean isAllImages() {
        return allImages;
    }

    @DataBoundSetter
    public void setAllImages(boolean allImages) {
        this.allImages = allImages;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    private static final class Execution extends GraphStepExecution {

        private static final long serialVersionUID = 1L;
        private final transient ImageGraphPlanStep step;

        Execution(ImageGraphPlanStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        AgentWork work() throws Exception {
            return new OnAgent(StepInputs.of(getContext(), "", ""), step, ImageGraphConfiguration.get());
        }

        @Override
        String dir() {
            return step.getDir();
        }
    }

    /** The plan, on the agent. */
    private static final class OnAgent extends AgentWork {

        private static final long serialVersionUID = 1L;
        private final GraphSettings graph;
        private final String images;
        private final String profiles;
        private final String excludes;
        private final boolean withParents;
        private final boolean withChildren;
        private final String changedFrom;
        private final boolean allImages;

        OnAgent(StepInputs inputs, ImageGraphPlanStep step, ImageGraphConfiguration configuration) {
            super(inputs);
            this.graph = new GraphSettings(step.getDir(), step.getGraphFile(), step.builder, step.platform,
                    configuration);
            this.images = step.images;
            this.profiles = step.profiles;
            this.excludes = step.excludes;
            this.withParents = step.withParents;
            this.withChildren = step.withChildren;
            this.changedFrom = step.changedFrom;
            this.allImages = step.allImages;
        }

        @Override
        StepRecord work(StepEnvironment environment, ConfiguredHolds holds, Path workspace, Consumer<String> log)
                throws RunRequestException, IOException, InterruptedException {
            return new PlanWork(environment, log).run(new PlanWork.Request(graph.root(workspace), graph.load(),
                    StepOptions.selection(StepOptions.words(images), StepOptions.words(profiles), List.of(),
                            StepOptions.words(excludes), withParents, withChildren, graph.platform()),
                    StepOptions.optional(changedFrom), allImages));
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
