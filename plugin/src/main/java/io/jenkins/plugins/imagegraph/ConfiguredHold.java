package io.jenkins.plugins.imagegraph;

import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.imagegraph.core.track.ConfiguredHolds;
import java.util.Map;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A digest an administrator holds back from promotion (a base image with a CVE, a bad release),
 * with why: promoteImages refuses it and every image built on it, and the lineage shows it held.
 */
public final class ConfiguredHold extends AbstractDescribableImpl<ConfiguredHold> {

    private final String digest;
    private final String reason;

    @DataBoundConstructor
    public ConfiguredHold(String digest, String reason) {
        this.digest = digest;
        this.reason = reason;
    }

    public String getDigest() {
        return digest;
    }

    public String getReason() {
        return reason;
    }

    @Extension
    @Symbol("imageGraphHold")
    public static final class DescriptorImpl extends Descriptor<ConfiguredHold> {

        @Override
        public String getDisplayName() {
            return "Hold";
        }

        @POST
        public FormValidation doCheckDigest(@QueryParameter String value, @QueryParameter String reason) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            try {
                ConfiguredHolds.of(Map.of(value == null ? "" : value, reason == null || reason.isBlank() ? "?" : reason));
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckReason(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return value == null || value.isBlank()
                    ? FormValidation.error("say why (a CVE, a bad release), so that whoever's promotion it blocks knows")
                    : FormValidation.ok();
        }
    }
}
