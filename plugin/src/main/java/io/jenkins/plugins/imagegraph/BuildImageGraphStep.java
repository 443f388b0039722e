package io.jenkins.plugins.imagegraph;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.util.ListBoxModel;
import io.imagegraph.core.build.BuildLogLines;
import io.imagegraph.core.pipeline.BuildWork;
import io.imagegraph.core.pipeline.StepEnvironment;
import io.imagegraph.core.pipeline.StepOptions;
import io.imagegraph.core.pipeline.StepRecord;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.run.RunRequestException;
import io.imagegraph.core.track.ConfiguredHolds;
import io.imagegraph.core.upstream.RebuildCause;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code buildImageGraph}: builds the graph in dependency order, in parallel, reusing what is
 * unchanged, and pushes to the registry. In a multibranch pull-request build it builds only what
 * the pull request changes, tagged {@code pr-<CHANGE_ID>}. Returns each image's status, digest and tags.
 */
public final class BuildImageGraphStep extends GraphStep {

    private String registry = "";
    private String credentialsId = "";
    private String tags = "";
    private String builder = "";
    private String platform = "";
    private Integer slots;
    private String images = "";
    private String profiles = "";
    private String excludes = "";
    private boolean withParents;
    private boolean withChildren;
    private String changedFrom = "";
    private boolean allImages;
    private boolean rebuild;
    private boolean failFast;
    private int retries = 2;
    private boolean quiet;

    @DataBoundConstructor
    public BuildImageGraphStep() {
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

    public String getTags() {
        return tags;
    }

    @DataBoundSetter
    public void setTags(String tags) {
        this.tags = tags;
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

    public Integer getSlots() {
        return slots;
    }

    @DataBoundSetter
    public void setSlots(Integer slots) {
        this.slots = slots;
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

    public boolean isRebuild() {
        return rebuild;
    }

    @DataBoundSetter
    public void setRebuild(boolean rebuild) {
        this.rebuild = rebuild;
    }

    public boolean isFailFast() {
        return failFast;
    }

    @DataBoundSetter
    public void setFailFast(boolean failFast) {
        this.failFast = failFast;
    }

    public int getRetries() {
        return retries;
    }

    @DataBoundSetter
    public void setRetries(int retries) {
        this.retries = retries;
    }

    public boolean isQuiet() {
        return quiet;
    }

    @DataBoundSetter
    public void setQuiet(boolean quiet) {
        this.quiet = quiet;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    private static final class Execution extends GraphStepExecution {

        private static final long serialVersionUID = 1L;
        private final transient BuildImageGraphStep step;

        Execution(BuildImageGraphStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        AgentWork work() throws Exception {
            ImageGraphConfiguration configuration = ImageGraphConfiguration.get();
            Run<?, ?> run = getContext().get(Run.class);
            ImageChangeCause cause = run.getCause(ImageChangeCause.class);
            return new OnAgent(StepInputs.of(getContext(), step.registry, step.credentialsId), step, configuration,
                    cause == null ? "[]" : cause.getPins());
        }

        @Override
        String dir() {
            return step.getDir();
        }
    }

    /** The build, on the agent. */
    private static final class OnAgent extends AgentWork {

        private static final long serialVersionUID = 1L;
        private final GraphSettings graph;
        private final String registry;
        private final String tags;
        private final ArrayList<String> configuredTags;
        private final int slots;
        private final String images;
        private final String profiles;
        private final String excludes;
        private final boolean withParents;
        private final boolean withChildren;
        private final String changedFrom;
        private final boolean allImages;
        private final boolean rebuild;
        private final boolean failFast;
        private final int retries;
        private final boolean quiet;
        private final String movedUpstream;

        OnAgent(StepInputs inputs, BuildImageGraphStep step, ImageGraphConfiguration configuration,
                String movedUpstream) {
            super(inputs);
            this.graph = new GraphSettings(step.getDir(), step.getGraphFile(), step.builder, step.platform,
                    configuration);
            this.registry = step.registry;
            this.tags = step.tags;
            this.configuredTags = new ArrayList<>(StepOptions.words(configuration.getTestTags()));
            this.slots = step.slots == null ? configuration.getSlots() : step.slots;
            this.images = step.images;
            this.profiles = step.profiles;
            this.excludes = step.excludes;
            this.withParents = step.withParents;
            this.withChildren = step.withChildren;
            this.changedFrom = step.changedFrom;
            this.allImages = step.allImages;
            this.rebuild = step.rebuild;
            this.failFast = step.failFast;
            this.retries = step.retries;
            this.quiet = step.quiet;
            this.movedUpstream = movedUpstream;
        }

        @Override
        StepRecord work(StepEnvironment environment, ConfiguredHolds holds, Path workspace, Consumer<String> log)
                throws RunRequestException, RegistryException, IOException, InterruptedException {
            BuildWork.Request request = new BuildWork.Request(graph.root(workspace), graph.load(),
                    StepOptions.selection(StepOptions.words(images), StepOptions.words(profiles), List.of(),
                            StepOptions.words(excludes), withParents, withChildren, graph.platform()),
                    StepOptions.optional(changedFrom), allImages, StepOptions.optional(registry),
                    StepOptions.words(tags), configuredTags, StepOptions.slots(slots), rebuild, failFast, retries,
                    "docker", "buildah", RebuildCause.pinsFromJson(movedUpstream));
            return new BuildWork(environment, holds, new BuildLogLines(log, quiet), log, Clock.systemUTC())
                    .run(request);
        }
    }

    @Extension
    @Symbol("buildImageGraph")
    public static final class DescriptorImpl extends GraphStepDescriptor {

        @Override
        public String getFunctionName() {
            return "buildImageGraph";
        }

        @Override
        public String getDisplayName() {
            return "Build an image graph in dependency order and push it";
        }

        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialsItems.forItem(item, credentialsId);
        }
    }
}
