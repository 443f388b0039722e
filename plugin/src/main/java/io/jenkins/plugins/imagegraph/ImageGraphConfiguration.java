package io.jenkins.plugins.imagegraph;

import hudson.Extension;
import hudson.ExtensionList;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.Permission;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.imagegraph.core.pipeline.PruneWork;
import io.imagegraph.core.quota.ConfiguredQuotas;
import io.imagegraph.core.pipeline.StepOptions;
import io.imagegraph.core.track.ConfiguredHolds;
import io.imagegraph.core.upstream.WebhookSecret;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins › System › Image Graph, and {@code unclassified: imageGraph:} in Configuration as
 * Code: the registries and their credentials, the defaults of the steps, the retention policy, the
 * holds, the storage quotas and the webhook secret. Folders add their own registries, holds and
 * quotas ({@link ImageGraphFolderProperty}). Only administrators can change it.
 */
@Extension
@Symbol("imageGraph")
public class ImageGraphConfiguration extends GlobalConfiguration {

    private List<RegistrySettings> registries = new ArrayList<>();
    private String defaultBuilder = "docker";
    private int slots;
    private String lociContext;
    private String lociRef;
    private String lociBase;
    private String lociWheels;
    private String testTags = "test";
    private String promotionTags = "latest";
    private Integer retentionKeep;
    private String retentionMinAge;
    private String retentionProtectedTags;
    private List<ConfiguredHold> holds = new ArrayList<>();
    private Secret webhookSecret;
    private String quotas = "";
    private List<BuildHostSetting> buildHosts = new ArrayList<>();
    private String provenancePublicKey;
    private String catalogStateFolder;

    public ImageGraphConfiguration() {
        load();
    }

    /** Lists left empty on the page are not in the form's JSON: empty them before binding. */
    @Override
    public boolean configure(StaplerRequest request, JSONObject json) throws FormException {
        ConfigurationFormChecks.refuseUnusable(json);
        registries = new ArrayList<>();
        holds = new ArrayList<>();
        quotas = "";
        buildHosts = new ArrayList<>();
        request.bindJSON(this, json);
        save();
        return true;
    }

    /** Holds and credentials are administrators' business. */
    @NonNull
    @Override
    public Permission getRequiredGlobalConfigPagePermission() {
        return Jenkins.ADMINISTER;
    }

    public static ImageGraphConfiguration get() {
        return ExtensionList.lookupSingleton(ImageGraphConfiguration.class);
    }

    public List<RegistrySettings> getRegistries() {
        return registries == null ? List.of() : registries;
    }

    @DataBoundSetter
    public void setRegistries(List<RegistrySettings> registries) {
        this.registries = registries == null ? new ArrayList<>() : new ArrayList<>(registries);
        save();
    }

    public String getDefaultBuilder() {
        return defaultBuilder;
    }

    @DataBoundSetter
    public void setDefaultBuilder(String defaultBuilder) {
        this.defaultBuilder = defaultBuilder;
        save();
    }

    /** How many images build at once on an agent; 0: its number of cores. */
    public int getSlots() {
        return slots;
    }

    @DataBoundSetter
    public void setSlots(int slots) {
        this.slots = slots;
        save();
    }

    public String getLociContext() {
        return lociContext;
    }

    @DataBoundSetter
    public void setLociContext(String lociContext) {
        this.lociContext = lociContext;
        save();
    }

    public String getLociRef() {
        return lociRef;
    }

    @DataBoundSetter
    public void setLociRef(String lociRef) {
        this.lociRef = lociRef;
        save();
    }

    public String getLociBase() {
        return lociBase;
    }

    @DataBoundSetter
    public void setLociBase(String lociBase) {
        this.lociBase = lociBase;
        save();
    }

    public String getLociWheels() {
        return lociWheels;
    }

    @DataBoundSetter
    public void setLociWheels(String lociWheels) {
        this.lociWheels = lociWheels;
        save();
    }

    /** The tags buildImageGraph gives when the step names none (outside pull requests), space-separated. */
    public String getTestTags() {
        return testTags;
    }

    @DataBoundSetter
    public void setTestTags(String testTags) {
        this.testTags = testTags;
        save();
    }

    /** The tags promoteImages moves when the step names none, space-separated. */
    public String getPromotionTags() {
        return promotionTags;
    }

    @DataBoundSetter
    public void setPromotionTags(String promotionTags) {
        this.promotionTags = promotionTags;
        save();
    }

    public Integer getRetentionKeep() {
        return retentionKeep;
    }

    @DataBoundSetter
    public void setRetentionKeep(Integer retentionKeep) {
        this.retentionKeep = retentionKeep;
        save();
    }

    public String getRetentionMinAge() {
        return retentionMinAge;
    }

    @DataBoundSetter
    public void setRetentionMinAge(String retentionMinAge) {
        this.retentionMinAge = retentionMinAge;
        save();
    }

    /** Regular expressions of tags whose versions are never pruned, one a line. */
    public String getRetentionProtectedTags() {
        return retentionProtectedTags;
    }

    @DataBoundSetter
    public void setRetentionProtectedTags(String retentionProtectedTags) {
        this.retentionProtectedTags = retentionProtectedTags;
        save();
    }

    public List<ConfiguredHold> getHolds() {
        return holds == null ? List.of() : holds;
    }

    @DataBoundSetter
    public void setHolds(List<ConfiguredHold> holds) {
        this.holds = holds == null ? new ArrayList<>() : new ArrayList<>(holds);
        save();
    }

    public Secret getWebhookSecret() {
        return webhookSecret;
    }

    /**
     * @throws IllegalArgumentException for a secret the webhook endpoint would refuse (Configuration
     *                                  as Code stops with this sentence; the attributes it set before stay set)
     */
    @DataBoundSetter
    public void setWebhookSecret(Secret webhookSecret) {
        Optional<String> refused = ConfigurationFormChecks.webhookRefusal(webhookSecret);
        if (refused.isPresent()) {
            throw new IllegalArgumentException("webhookSecret: " + refused.get());
        }
        this.webhookSecret = webhookSecret;
        save();
    }

    /** The quotas every promotion honours besides its graph file's, written as the graph file's {@code quotas} list. */
    public String getQuotas() {
        return quotas == null ? "" : quotas;
    }

    /**
     * @throws IllegalArgumentException for quotas the engine cannot read (Configuration as Code
     *                                  reports it; the form refuses them first)
     */
    @DataBoundSetter
    public void setQuotas(String quotas) {
        ConfiguredQuotas.parse(quotas, "the global configuration");
        this.quotas = quotas == null ? "" : quotas;
        save();
    }

    /** The Docker Engines buildImageGraph spreads its builds over; none: each build uses its agent's Docker. */
    public List<BuildHostSetting> getBuildHosts() {
        return buildHosts == null ? List.of() : buildHosts;
    }

    /** @throws IllegalArgumentException when two hosts share a name (Configuration as Code stops with this sentence) */
    @DataBoundSetter
    public void setBuildHosts(List<BuildHostSetting> buildHosts) {
        List<BuildHostSetting> given = buildHosts == null ? List.of() : buildHosts;
        Set<String> names = new HashSet<>();
        for (BuildHostSetting host : given) {
            if (!names.add(host.getName())) {
                throw new IllegalArgumentException("buildHosts: the name " + host.getName() + " is given twice;"
                        + " give each build host its own name");
            }
        }
        this.buildHosts = new ArrayList<>(given);
        save();
    }

    /** The PEM public key promoteImages' requireProvenance checks attestations with, when the step names none. */
    public String getProvenancePublicKey() {
        return provenancePublicKey;
    }

    @DataBoundSetter
    public void setProvenancePublicKey(String provenancePublicKey) {
        this.provenancePublicKey = provenancePublicKey == null || provenancePublicKey.isBlank() ? null
                : provenancePublicKey.strip() + "\n";
        save();
    }

    /** A state folder on the controller (the IMAGEGRAPH_STATE builds share) whose records the catalog pages show. */
    public String getCatalogStateFolder() {
        return catalogStateFolder;
    }

    @DataBoundSetter
    public void setCatalogStateFolder(String catalogStateFolder) {
        this.catalogStateFolder = catalogStateFolder == null || catalogStateFolder.isBlank() ? null
                : catalogStateFolder.strip();
        save();
    }

    @POST
    public FormValidation doCheckProvenancePublicKey(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return ConfigurationFormChecks.provenancePublicKey(value);
    }

    /** The holds as digest → reason, for the work on the agent. */
    Map<String, String> holds() {
        Map<String, String> reasons = new LinkedHashMap<>();
        getHolds().forEach(hold -> reasons.put(hold.getDigest(), hold.getReason()));
        return reasons;
    }

    /** The configured retention values, each empty when not set. */
    PruneWork.PolicyValues retention() {
        List<String> patterns = retentionProtectedTags == null ? List.of()
                : retentionProtectedTags.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        return new PruneWork.PolicyValues(Optional.ofNullable(retentionKeep), StepOptions.optional(retentionMinAge),
                patterns);
    }

    /**
     * The webhook secret, when one is configured.
     *
     * @throws IllegalArgumentException when the stored secret is one the endpoint refuses (saved
     *                                  before the configuration refused it)
     */
    Optional<WebhookSecret> webhook() {
        if (webhookSecret == null || webhookSecret.getPlainText().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(WebhookSecret.of(webhookSecret.getPlainText()));
    }

    public ListBoxModel doFillDefaultBuilderItems() {
        return ConfigurationFormChecks.builderItems();
    }

    @POST
    public FormValidation doCheckSlots(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return ConfigurationFormChecks.slots(value);
    }

    @POST
    public FormValidation doCheckLociContext(@QueryParameter String value, @QueryParameter String lociRef) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return ConfigurationFormChecks.loci(value, lociRef);
    }

    @POST
    public FormValidation doCheckRetentionMinAge(@QueryParameter String value,
                                                 @QueryParameter String retentionProtectedTags) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return ConfigurationFormChecks.retention(value, retentionProtectedTags);
    }

    @POST
    public FormValidation doCheckRetentionProtectedTags(@QueryParameter String value,
                                                        @QueryParameter String retentionMinAge) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return ConfigurationFormChecks.retention(retentionMinAge, value);
    }

    @POST
    public FormValidation doCheckQuotas(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return QuotaText.check(value, "the global configuration");
    }

    @POST
    public FormValidation doCheckWebhookSecret(@QueryParameter Secret value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return ConfigurationFormChecks.webhookSecret(value);
    }
}
