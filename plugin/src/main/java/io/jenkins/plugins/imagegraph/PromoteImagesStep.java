package io.jenkins.plugins.imagegraph;

import hudson.Extension;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.imagegraph.core.pipeline.PromotionWork;
import io.imagegraph.core.pipeline.StepEnvironment;
import io.imagegraph.core.pipeline.StepOptions;
import io.imagegraph.core.pipeline.StepRecord;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.run.RunRequestException;
import io.imagegraph.core.track.ConfiguredHolds;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code promoteImages}: moves the promotion tags to exactly the digests the smoke tests passed,
 * registry side, all or nothing; refuses images that failed their tests or are held. Returns the
 * promotion report.
 */
public final class PromoteImagesStep extends GraphStep {

    private String report = "";
    private String to = "";
    private String fromTag = "";
    private String toRegistry = "";
    private String toNamespace = "";
    private String credentialsId = "";
    private boolean requireTests = true;
    private boolean dryRun;
    private int parallel = 8;

    @DataBoundConstructor
    public PromoteImagesStep() {
    }

    public String getReport() {
        return report;
    }

    @DataBoundSetter
    public void setReport(String report) {
        this.report = report;
    }

    public String getTo() {
        return to;
    }

    /** The tags to move, separated by spaces or commas (default: the configured promotion tags). */
    @DataBoundSetter
    public void setTo(String to) {
        this.to = to;
    }

    public String getFromTag() {
        return fromTag;
    }

    @DataBoundSetter
    public void setFromTag(String fromTag) {
        this.fromTag = fromTag;
    }

    public String getToRegistry() {
        return toRegistry;
    }

    @DataBoundSetter
    public void setToRegistry(String toRegistry) {
        this.toRegistry = toRegistry;
    }

    public String getToNamespace() {
        return toNamespace;
    }

    @DataBoundSetter
    public void setToNamespace(String toNamespace) {
        this.toNamespace = toNamespace;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** Credentials for {@code toRegistry} (the run's registry has the configured ones). */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = credentialsId;
    }

    public boolean isRequireTests() {
        return requireTests;
    }

    @DataBoundSetter
    public void setRequireTests(boolean requireTests) {
        this.requireTests = requireTests;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public int getParallel() {
        return parallel;
    }

    @DataBoundSetter
    public void setParallel(int parallel) {
        this.parallel = parallel;
    }

    @Override
    Work work(StepContext context) throws Exception {
        Target target = target(context, report, getDir());
        ImageGraphConfiguration configuration = ImageGraphConfiguration.get();
        String moved = to == null || to.isBlank() ? configuration.getPromotionTags() : to;
        return new Work(new OnAgent(StepInputs.of(context, toRegistry, credentialsId), this, target, moved,
                configuration), target.dir());
    }

    /** The promotion, on the agent (registry side: nothing is pulled). */
    private static final class OnAgent extends AgentWork {

        private static final long serialVersionUID = 1L;
        private final GraphSettings graph;
        private final String report;
        private final ArrayList<String> tags;
        private final String fromTag;
        private final String toRegistry;
        private final String toNamespace;
        private final boolean requireTests;
        private final boolean dryRun;
        private final int parallel;

        OnAgent(StepInputs inputs, PromoteImagesStep step, Target target, String tags,
                ImageGraphConfiguration configuration) {
            super(inputs);
            this.graph = new GraphSettings(target.dir(), step.getGraphFile(), "", "", configuration);
            this.report = target.report();
            this.tags = new ArrayList<>(StepOptions.words(tags));
            this.fromTag = step.fromTag;
            this.toRegistry = step.toRegistry;
            this.toNamespace = step.toNamespace;
            this.requireTests = step.requireTests;
            this.dryRun = step.dryRun;
            this.parallel = step.parallel;
        }

        @Override
        StepRecord work(StepEnvironment environment, ConfiguredHolds holds, Path workspace, Consumer<String> log)
                throws RunRequestException, RegistryException, IOException, InterruptedException {
            return new PromotionWork(environment, holds, Clock.systemUTC()).withAccess(refusals(), configuredQuotas())
                    .run(new PromotionWork.Request(graph.root(workspace), graph.load(), workspace.resolve(report),
                            requireTests, StepOptions.optional(fromTag), List.copyOf(tags),
                            StepOptions.optional(toRegistry), StepOptions.optional(toNamespace), parallel, dryRun));
        }
    }

    @Extension
    @Symbol("promoteImages")
    public static final class DescriptorImpl extends GraphStepDescriptor {

        @Override
        public String getFunctionName() {
            return "promoteImages";
        }

        @Override
        public String getDisplayName() {
            return "Promote the tested digests of an image-graph build";
        }

        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialsItems.forItem(item, credentialsId);
        }
    }
}
