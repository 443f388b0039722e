package io.jenkins.plugins.imagegraph;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.AbstractFolderProperty;
import com.cloudbees.hudson.plugins.folder.AbstractFolderPropertyDescriptor;
import hudson.Extension;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.imagegraph.core.quota.ConfiguredQuotas;
import java.util.ArrayList;
import java.util.List;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest;
import org.kohsuke.stapler.verb.POST;

/**
 * A folder's own image-graph settings: registries (with credentials looked up in the folder), holds,
 * quotas and build hosts, for the jobs in the folder at any depth, on top of the global ones. A job outside the
 * folder cannot use its registries nor its build hosts ({@link JobAccess} asks the engine's
 * {@link io.imagegraph.core.access.RegistryScope} and {@link io.imagegraph.core.access.HostScope}).
 */
public final class ImageGraphFolderProperty extends AbstractFolderProperty<AbstractFolder<?>> {

    private List<RegistrySettings> registries = new ArrayList<>();
    private List<ConfiguredHold> holds = new ArrayList<>();
    private String quotas = "";
    private List<BuildHostSetting> buildHosts = new ArrayList<>();

    @DataBoundConstructor
    public ImageGraphFolderProperty() {
    }

    public List<RegistrySettings> getRegistries() {
        return registries == null ? List.of() : registries;
    }

    @DataBoundSetter
    public void setRegistries(List<RegistrySettings> registries) {
        this.registries = registries == null ? new ArrayList<>() : new ArrayList<>(registries);
    }

    public List<ConfiguredHold> getHolds() {
        return holds == null ? List.of() : holds;
    }

    @DataBoundSetter
    public void setHolds(List<ConfiguredHold> holds) {
        this.holds = holds == null ? new ArrayList<>() : new ArrayList<>(holds);
    }

    /** The folder's quotas, written as the graph file's {@code quotas} list. */
    public String getQuotas() {
        return quotas == null ? "" : quotas;
    }

    /** @throws IllegalArgumentException for quotas the engine cannot read (the form refuses them first) */
    @DataBoundSetter
    public void setQuotas(String quotas) {
        ConfiguredQuotas.parse(quotas, "this folder");
        this.quotas = quotas == null ? "" : quotas;
    }

    /** The Docker Engines the jobs in this folder may build on, besides the global ones. */
    public List<BuildHostSetting> getBuildHosts() {
        return buildHosts == null ? List.of() : buildHosts;
    }

    /** @throws IllegalArgumentException when two hosts share a name */
    @DataBoundSetter
    public void setBuildHosts(List<BuildHostSetting> buildHosts) {
        List<BuildHostSetting> given = buildHosts == null ? List.of() : buildHosts;
        java.util.Set<String> names = new java.util.HashSet<>();
        for (BuildHostSetting host : given) {
            if (!names.add(host.getName())) {
                throw new IllegalArgumentException("buildHosts: the name " + host.getName() + " is given twice in"
                        + " this folder; give each build host its own name");
            }
        }
        this.buildHosts = new ArrayList<>(given);
    }

    @Extension
    @Symbol("imageGraph")
    public static final class DescriptorImpl extends AbstractFolderPropertyDescriptor {

        @Override
        public String getDisplayName() {
            return "Image Graph";
        }

        /** Quotas the engine cannot read are refused with the page's error, and nothing is saved. */
        @Override
        public AbstractFolderProperty<?> newInstance(StaplerRequest request, JSONObject json) throws FormException {
            try {
                ConfiguredQuotas.parse(json.optString("quotas", ""), "this folder");
            } catch (IllegalArgumentException e) {
                throw new FormException("Storage quotas: " + e.getMessage(), "quotas");
            }
            return super.newInstance(request, json);
        }

        @POST
        public FormValidation doCheckQuotas(@AncestorInPath Item folder, @QueryParameter String value) {
            if (folder != null) {
                folder.checkPermission(Item.CONFIGURE);
            }
            return QuotaText.check(value, "this folder");
        }
    }
}
