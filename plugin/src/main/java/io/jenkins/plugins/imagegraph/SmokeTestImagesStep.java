package io.jenkins.plugins.imagegraph;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.util.ListBoxModel;
import io.imagegraph.core.pipeline.SmokeTestWork;
import io.imagegraph.core.pipeline.StepEnvironment;
import io.imagegraph.core.pipeline.StepOptions;
import io.imagegraph.core.pipeline.StepRecord;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.run.RunRequestException;
import io.imagegraph.core.track.ConfiguredHolds;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code smokeTestImages}: runs the graph's smoke tests (and deployment scripts) against the images
 * the build just made, by their fresh test tags and digests; fails when one fails. Returns the test
 * report.
 */
public final class SmokeTestImagesStep extends GraphStep {

    private String report = "";
    private String scripts = "";
    private int timeoutSeconds = 300;
    private String platform = "";
    private boolean quiet;
    private String signingKeyCredentialsId = "";

    @DataBoundConstructor
    public SmokeTestImagesStep() {
    }

    public String getReport() {
        return report;
    }

    /** The build-report.json of the run (default: this build's last buildImageGraph). */
    @DataBoundSetter
    public void setReport(String report) {
        this.report = report;
    }

    public String getScripts() {
        return scripts;
    }

    @DataBoundSetter
    public void setScripts(String scripts) {
        this.scripts = scripts;
    }

    public int getTimeoutSeconds() {
        return timeoutSeconds;
    }

    @DataBoundSetter
    public void setTimeoutSeconds(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    public String getPlatform() {
        return platform;
    }

    @DataBoundSetter
    public void setPlatform(String platform) {
        this.platform = platform;
    }

    public boolean isQuiet() {
        return quiet;
    }

    @DataBoundSetter
    public void setQuiet(boolean quiet) {
        this.quiet = quiet;
    }

    public String getSigningKeyCredentialsId() {
        return signingKeyCredentialsId;
    }

    /** A secret file credential with the PEM private key that signs a gate attestation of each tested image. */
    @DataBoundSetter
    public void setSigningKeyCredentialsId(String signingKeyCredentialsId) {
        this.signingKeyCredentialsId = signingKeyCredentialsId;
    }

    @Override
    Work work(StepContext context) throws Exception {
        Target target = target(context, report, getDir());
        Run<?, ?> run = context.get(Run.class);
        return new Work(new OnAgent(StepInputs.of(context, "", ""), this, target,
                KeyCredentials.Signing.of(run, signingKeyCredentialsId).orElse(null)), target.dir());
    }

    /** The tests, on the agent. */
    private static final class OnAgent extends AgentWork {

        private static final long serialVersionUID = 1L;
        private final GraphSettings graph;
        private final String report;
        private final String scripts;
        private final int timeoutSeconds;
        private final boolean quiet;
        private final KeyCredentials.Signing signing;

        OnAgent(StepInputs inputs, SmokeTestImagesStep step, Target target, KeyCredentials.Signing signing) {
            super(inputs);
            this.graph = new GraphSettings(target.dir(), step.getGraphFile(), "", step.platform,
                    ImageGraphConfiguration.get());
            this.report = target.report();
            this.scripts = step.scripts;
            this.timeoutSeconds = step.timeoutSeconds;
            this.quiet = step.quiet;
            this.signing = signing;
        }

        @Override
        StepRecord work(StepEnvironment environment, ConfiguredHolds holds, Path workspace, Consumer<String> log)
                throws RunRequestException, RegistryException, IOException, InterruptedException {
            return new SmokeTestWork(environment, holds, log, Clock.systemUTC()).run(new SmokeTestWork.Request(
                    graph.root(workspace), graph.load(), workspace.resolve(report), StepOptions.words(scripts),
                    timeoutSeconds, "docker", quiet, signing == null ? Optional.empty() : Optional.of(signing.signing())));
        }
    }

    @Extension
    @Symbol("smokeTestImages")
    public static final class DescriptorImpl extends GraphStepDescriptor {

        @Override
        public String getFunctionName() {
            return "smokeTestImages";
        }

        @Override
        public String getDisplayName() {
            return "Smoke-test the images of an image-graph build";
        }

        public ListBoxModel doFillSigningKeyCredentialsIdItems(@AncestorInPath Item item,
                                                               @QueryParameter String signingKeyCredentialsId) {
            return KeyCredentials.items(item, signingKeyCredentialsId);
        }
    }
}
