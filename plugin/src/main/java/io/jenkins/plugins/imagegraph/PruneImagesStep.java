package io.jenkins.plugins.imagegraph;

import hudson.Extension;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.imagegraph.core.pipeline.PruneWork;
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
import java.util.Optional;
import java.util.function.Consumer;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code pruneImages}: keeps the graph's repositories to the retention policy (the graph file's,
 * under the configured one, under the step's values); what deployments run, protected tags, the
 * newest and the young are kept. A dry run unless {@code confirm: true}. Returns the prune report.
 */
public final class PruneImagesStep extends GraphStep {

    private String registry = "";
    private String credentialsId = "";
    private Integer keep;
    private String minAge = "";
    private String protectedTags = "";
    private boolean confirm;

    @DataBoundConstructor
    public PruneImagesStep() {
    }

    public String getRegistry() {
        return registry;
    }

    @DataBoundSetter
    public void setRegistry(String registry) {
        this.registry = registry;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = credentialsId;
    }

    public Integer getKeep() {
        return keep;
    }

    @DataBoundSetter
    public void setKeep(Integer keep) {
        this.keep = keep;
    }

    public String getMinAge() {
        return minAge;
    }

    @DataBoundSetter
    public void setMinAge(String minAge) {
        this.minAge = minAge;
    }

    public String getProtectedTags() {
        return protectedTags;
    }

    /** Regular expressions of tags whose versions are kept, separated by spaces. */
    @DataBoundSetter
    public void setProtectedTags(String protectedTags) {
        this.protectedTags = protectedTags;
    }

    public boolean isConfirm() {
        return confirm;
    }

    @DataBoundSetter
    public void setConfirm(boolean confirm) {
        this.confirm = confirm;
    }

    @Override
    Work work(StepContext context) throws Exception {
        return new Work(new OnAgent(StepInputs.of(context, registry, credentialsId), this,
                ImageGraphConfiguration.get()), getDir());
    }

    /** Retention, on the agent. */
    private static final class OnAgent extends AgentWork {

        private static final long serialVersionUID = 1L;
        private final GraphSettings graph;
        private final String registry;
        private final Integer configuredKeep;
        private final String configuredMinAge;
        private final ArrayList<String> configuredProtected;
        private final Integer keep;
        private final String minAge;
        private final String protectedTags;
        private final boolean confirm;

        OnAgent(StepInputs inputs, PruneImagesStep step, ImageGraphConfiguration configuration) {
            super(inputs);
            this.graph = new GraphSettings(step.getDir(), step.getGraphFile(), "", "", configuration);
            this.registry = step.registry;
            PruneWork.PolicyValues configured = configuration.retention();
            this.configuredKeep = configured.keep().orElse(null);
            this.configuredMinAge = configured.minAge().orElse("");
            this.configuredProtected = new ArrayList<>(configured.protect());
            this.keep = step.keep;
            this.minAge = step.minAge;
            this.protectedTags = step.protectedTags;
            this.confirm = step.confirm;
        }

        @Override
        StepRecord work(StepEnvironment environment, ConfiguredHolds holds, Path workspace, Consumer<String> log)
                throws RunRequestException, RegistryException, IOException, InterruptedException {
            PruneWork.PolicyValues configured = new PruneWork.PolicyValues(Optional.ofNullable(configuredKeep),
                    StepOptions.optional(configuredMinAge), List.copyOf(configuredProtected));
            PruneWork.PolicyValues own = new PruneWork.PolicyValues(Optional.ofNullable(keep),
                    StepOptions.optional(minAge), StepOptions.words(protectedTags));
            return new PruneWork(environment, Clock.systemUTC()).withRegistryRefusals(refusals())
                    .run(new PruneWork.Request(graph.root(workspace),
                    graph.load(), StepOptions.optional(registry), configured, own, confirm));
        }
    }

    @Extension
    @Symbol("pruneImages")
    public static final class DescriptorImpl extends GraphStepDescriptor {

        @Override
        public String getFunctionName() {
            return "pruneImages";
        }

        @Override
        public String getDisplayName() {
            return "Prune an image graph's repositories to the retention policy";
        }

        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialsItems.forItem(item, credentialsId);
        }
    }
}
