package io.jenkins.plugins.imagegraph;

import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import io.imagegraph.core.build.BuildHost;
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
import java.net.URI;
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
 * {@code buildImageGraph}: builds the graph in dependency order, in parallel, reusing what is
 * unchanged, and pushes to the registry. In a multibranch pull-request build it builds only what
 * the pull request changes, tagged {@code pr-<CHANGE_ID>}; in a build the image-change trigger
 * started, it pins the digests that moved; {@code secrets} hands credentials to the builds as
 * BuildKit secrets. Returns each image's status, digest and tags.
 */
public final class BuildImageGraphStep extends SelectingStep {

    private String registry = "";
    private String credentialsId = "";
    private String tags = "";
    private Integer slots;
    private boolean rebuild;
    private boolean failFast;
    private int retries = 2;
    private boolean quiet;
    private String hosts = "";
    private List<StepSecret> secrets = List.of();
    private String signingKeyCredentialsId = "";
    private String agents = "";
    private Integer executorsPerAgent;

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

    public Integer getSlots() {
        return slots;
    }

    @DataBoundSetter
    public void setSlots(Integer slots) {
        this.slots = slots;
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

    public String getHosts() {
        return hosts;
    }

    /**
     * The configured build hosts to build on, by name, space-separated; empty: all of them (none: the
     * agent's Docker), or, with {@link #setAgents agents}, none besides the agents.
     */
    @DataBoundSetter
    public void setHosts(String hosts) {
        this.hosts = hosts == null ? "" : hosts;
    }

    public List<StepSecret> getSecrets() {
        return secrets;
    }

    @DataBoundSetter
    public void setSecrets(List<StepSecret> secrets) {
        this.secrets = secrets == null ? List.of() : List.copyOf(secrets);
    }

    public String getSigningKeyCredentialsId() {
        return signingKeyCredentialsId;
    }

    /** A secret file credential with the PEM private key that signs a provenance attestation of each pushed image. */
    @DataBoundSetter
    public void setSigningKeyCredentialsId(String signingKeyCredentialsId) {
        this.signingKeyCredentialsId = signingKeyCredentialsId;
    }

    public String getAgents() {
        return agents;
    }

    /** A label expression: image builds run on the agents with it, each on its own Engine, one per executor taken. */
    @DataBoundSetter
    public void setAgents(String agents) {
        this.agents = agents == null ? "" : agents.strip();
    }

    public Integer getExecutorsPerAgent() {
        return executorsPerAgent;
    }

    /** At most this many executors of each agent of {@code agents} (default: all of its executors). */
    @DataBoundSetter
    public void setExecutorsPerAgent(Integer executorsPerAgent) {
        this.executorsPerAgent = executorsPerAgent;
    }

    @Override
    Work work(StepContext context) throws Exception {
        ImageGraphConfiguration configuration = ImageGraphConfiguration.get();
        Run<?, ?> run = context.get(Run.class);
        ImageChangeCause cause = run.getCause(ImageChangeCause.class);
        StepInputs inputs = StepInputs.of(context, registry, credentialsId);
        if (agents.isEmpty() && executorsPerAgent != null) {
            throw new hudson.AbortException("buildImageGraph executorsPerAgent: applies with agents: (a label); give"
                    + " agents: too, or leave executorsPerAgent out");
        }
        FilePath workspace = context.get(FilePath.class);
        // With agents: and no hosts:, the agents alone build; hosts: names configured hosts to add to them.
        List<BuildHostSetting> configured = agents.isEmpty() || !hosts.isBlank()
                ? JobAccess.of(run.getParent()).buildHosts(hosts) : List.of();
        BuildHostLeases leases = BuildHostLeases.lease(configured, run,
                new FilePath(workspace.getChannel(), inputs.temporaryFolder()));
        AgentLeases agentLeases = AgentLeases.none();
        try {
            if (!agents.isEmpty()) {
                agentLeases = AgentLeases.lease(agents, Optional.ofNullable(executorsPerAgent), run, workspace,
                        context.get(TaskListener.class));
            }
            AgentLeases held = agentLeases;
            return new Work(new OnAgent(inputs, this, configuration, cause == null ? "[]" : cause.getPins(),
                    leases.specs(), held.engines(), StepSecretValues.of(run, secrets),
                    KeyCredentials.Signing.of(run, signingKeyCredentialsId).orElse(null)), getDir(), () -> {
                        held.close();
                        leases.close();
                    });
        } catch (Exception | Error e) {
            agentLeases.close();
            leases.close();
            throw e;
        }
    }

    /** The build, on the agent. */
    private static final class OnAgent extends AgentWork {

        private static final long serialVersionUID = 1L;
        private final GraphSettings graph;
        private final SelectionSettings selection;
        private final String registry;
        private final String tags;
        private final ArrayList<String> configuredTags;
        private final int slots;
        private final boolean rebuild;
        private final boolean failFast;
        private final int retries;
        private final boolean quiet;
        private final String movedUpstream;
        private final ArrayList<ArrayList<String>> hosts;
        private final ArrayList<AgentEngine> agentEngines;
        private final ArrayList<Object[]> secrets;
        private final KeyCredentials.Signing signing;

        OnAgent(StepInputs inputs, BuildImageGraphStep step, ImageGraphConfiguration configuration,
                String movedUpstream, ArrayList<ArrayList<String>> hosts, ArrayList<AgentEngine> agentEngines,
                ArrayList<Object[]> secrets, KeyCredentials.Signing signing) {
            super(inputs);
            this.graph = step.graphSettings(configuration);
            this.selection = step.selectionSettings();
            this.registry = step.registry;
            this.tags = step.tags;
            this.configuredTags = new ArrayList<>(StepOptions.words(configuration.getTestTags()));
            this.slots = step.slots == null ? configuration.getSlots() : step.slots;
            this.rebuild = step.rebuild;
            this.failFast = step.failFast;
            this.retries = step.retries;
            this.quiet = step.quiet;
            this.movedUpstream = movedUpstream;
            this.hosts = hosts;
            this.agentEngines = agentEngines;
            this.secrets = secrets;
            this.signing = signing;
        }

        @Override
        StepRecord work(StepEnvironment environment, ConfiguredHolds holds, Path workspace, Consumer<String> log)
                throws RunRequestException, RegistryException, IOException, InterruptedException {
            BuildWork.Request request = new BuildWork.Request(graph.root(workspace), graph.load(),
                    selection.selection(), selection.changedFrom(), selection.allImages(),
                    StepOptions.optional(registry), StepOptions.words(tags), configuredTags,
                    StepOptions.slots(slots), rebuild, failFast, retries, "docker", "buildah",
                    RebuildCause.pinsFromJson(movedUpstream), StepSecretValues.values(secrets),
                    signing == null ? Optional.empty() : Optional.of(signing.signing()));
            List<BuildHost> buildHosts = new ArrayList<>();
            for (List<String> host : hosts) {
                buildHosts.add(new BuildHost(host.get(0), URI.create(host.get(1)), Integer.parseInt(host.get(2)),
                        host.get(3).isEmpty() ? Optional.empty() : Optional.of(Path.of(host.get(3)))));
            }
            try (AgentTunnels tunnels = AgentTunnels.open(agentEngines)) {
                buildHosts.addAll(tunnels.hosts());
                return new BuildWork(environment, holds, new BuildLogLines(log, quiet), log, Clock.systemUTC())
                        .withRegistryRefusals(refusals()).withQuotas(configuredQuotas()).onHosts(buildHosts)
                        .run(request);
            }
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

        public ListBoxModel doFillSigningKeyCredentialsIdItems(@AncestorInPath Item item,
                                                               @QueryParameter String signingKeyCredentialsId) {
            return KeyCredentials.items(item, signingKeyCredentialsId);
        }
    }
}
