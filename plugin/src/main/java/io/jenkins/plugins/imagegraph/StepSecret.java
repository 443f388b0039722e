package io.jenkins.plugins.imagegraph;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.imagegraph.core.graph.BuildSecret;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;

/**
 * A build secret of {@code buildImageGraph} taken from a credential: {@code [id: 'pip_conf',
 * credentialsId: 'pip-conf']}, a secret text or a secret file. The id is the one the Dockerfile
 * mounts ({@code RUN --mount=type=secret,id=pip_conf}) and the graph file's {@code secrets} of the
 * image name; the credential replaces where the graph file says the value is.
 */
public final class StepSecret extends AbstractDescribableImpl<StepSecret> {

    private final String id;
    private final String credentialsId;

    @DataBoundConstructor
    public StepSecret(String id, String credentialsId) {
        this.id = id == null ? "" : id.strip();
        this.credentialsId = credentialsId == null ? "" : credentialsId.strip();
    }

    public String getId() {
        return id;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @Extension
    @Symbol("buildSecret")
    public static final class DescriptorImpl extends Descriptor<StepSecret> {

        @Override
        public String getDisplayName() {
            return "Build secret";
        }

        public FormValidation doCheckId(@QueryParameter String value) {
            try {
                new BuildSecret(value == null ? "" : value.strip(), "CHECKED", null);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialsItems.forItem(item, credentialsId, StandardCredentials.class, CredentialsMatchers.anyOf(
                    CredentialsMatchers.instanceOf(StringCredentials.class),
                    CredentialsMatchers.instanceOf(FileCredentials.class)));
        }
    }
}
