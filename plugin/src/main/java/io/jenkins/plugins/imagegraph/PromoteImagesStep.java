package io.jenkins.plugins.imagegraph;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.util.ListBoxModel;
import io.imagegraph.core.pipeline.PromotionWork;
import io.imagegraph.core.pipeline.StepEnvironment;
import io.imagegraph.core.pipeline.StepOptions;
import io.imagegraph.core.pipeline.StepRecord;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.run.RunRequestException;
import io.imagegraph.core.track.ConfiguredHolds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * {@code promoteImages}: moves the promotion tags to exactly the digests the smoke tests passed,
 * registry side, all or nothing; refuses images that failed their tests or are held, and with
 * {@code requireProvenance} images without a verified attestation. Returns the
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
    private boolean requireProvenance;
    private String verificationKeyCredentialsId = "";
    private boolean requireGateAttestation;

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

    public boolean isRequireProvenance() {
        return requireProvenance;
    }

    /** Refuse the promotion unless every image carries a verified, signed provenance attestation. */
    @DataBoundSetter
    public void setRequireProvenance(boolean requireProvenance) {
        this.requireProvenance = requireProvenance;
    }

    public String getVerificationKeyCredentialsId() {
        return verificationKeyCredentialsId;
    }

    /** A secret file credential with the PEM public key; default: the configured public key. */
    @DataBoundSetter
    public void setVerificationKeyCredentialsId(String verificationKeyCredentialsId) {
        this.verificationKeyCredentialsId = verificationKeyCredentialsId;
    }

    public boolean isRequireGateAttestation() {
        return requireGateAttestation;
    }

    @DataBoundSetter
    public void setRequireGateAttestation(boolean requireGateAttestation) {
        this.requireGateAttestation = requireGateAttestation;
    }

    /** The public key requireProvenance checks with, as PEM bytes, and where it came from; null without requireProvenance. */
    private Object[] provenanceKey(Run<?, ?> run, ImageGraphConfiguration configuration) throws IOException {
        if (!requireProvenance) {
            return null;
        }
        if (verificationKeyCredentialsId != null && !verificationKeyCredentialsId.isBlank()) {
            return new Object[] {KeyCredentials.content(run, verificationKeyCredentialsId.strip(),
                    "verificationKeyCredentialsId"), "the credentials '" + verificationKeyCredentialsId.strip() + "'"};
        }
        String configured = configuration.getProvenancePublicKey();
        if (configured == null || configured.isBlank()) {
            throw new AbortException("requireProvenance needs the public key the attestations are signed with:"
                    + " verificationKeyCredentialsId (a secret file credential), or a provenance public key under"
                    + " Manage Jenkins > System > Image Graph");
        }
        return new Object[] {configured.getBytes(StandardCharsets.US_ASCII), "the configured provenance public key"};
    }

    @Override
    Work work(StepContext context) throws Exception {
        Target target = target(context, report, getDir());
        ImageGraphConfiguration configuration = ImageGraphConfiguration.get();
        String moved = to == null || to.isBlank() ? configuration.getPromotionTags() : to;
        return new Work(new OnAgent(StepInputs.of(context, toRegistry, credentialsId), this, target, moved,
                configuration, provenanceKey(context.get(Run.class), configuration)), target.dir());
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
        private final Object[] provenanceKey;
        private final boolean requireGateAttestation;

        OnAgent(StepInputs inputs, PromoteImagesStep step, Target target, String tags,
                ImageGraphConfiguration configuration, Object[] provenanceKey) {
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
            this.provenanceKey = provenanceKey;
            this.requireGateAttestation = step.requireGateAttestation;
        }

        @Override
        StepRecord work(StepEnvironment environment, ConfiguredHolds holds, Path workspace, Consumer<String> log)
                throws RunRequestException, RegistryException, IOException, InterruptedException {
            return new PromotionWork(environment, holds, Clock.systemUTC()).withAccess(refusals(), configuredQuotas())
                    .run(new PromotionWork.Request(graph.root(workspace), graph.load(), workspace.resolve(report),
                            requireTests, StepOptions.optional(fromTag), List.copyOf(tags),
                            StepOptions.optional(toRegistry), StepOptions.optional(toNamespace), parallel, dryRun,
                            provenanceKey == null ? Optional.empty()
                                    : Optional.of(KeyCredentials.publicKey((byte[]) provenanceKey[0],
                                    (String) provenanceKey[1])), requireGateAttestation));
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

        public ListBoxModel doFillVerificationKeyCredentialsIdItems(@AncestorInPath Item item,
                                                                    @QueryParameter String verificationKeyCredentialsId) {
            return KeyCredentials.items(item, verificationKeyCredentialsId);
        }
    }
}
