package io.jenkins.plugins.imagegraph;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.imagegraph.core.access.ConfiguredRegistry;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.registry.CredentialResolver;
import io.imagegraph.core.registry.DistributionRegistries;
import io.imagegraph.core.registry.RegistryCredentials;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.registry.RegistryKind;
import io.imagegraph.core.registry.RegistrySetting;
import io.imagegraph.core.registry.RetryPolicy;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A registry in the global configuration: where it is, what kind it is, and the credentials the
 * builds, the trigger and the webhook use for it.
 */
public final class RegistrySettings extends AbstractDescribableImpl<RegistrySettings> {

    private final String url;
    private final String kind;
    private final String credentialsId;

    @DataBoundConstructor
    public RegistrySettings(String url, String kind, String credentialsId) {
        this.url = url;
        this.kind = kind == null || kind.isBlank() ? RegistryKind.DOCKER_V2.id() : kind;
        this.credentialsId = credentialsId;
    }

    public String getUrl() {
        return url;
    }

    public String getKind() {
        return kind;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** The engine's view of it; the configuration page refused what does not parse. */
    RegistrySetting setting() {
        return RegistrySetting.parse(url, kind(kind));
    }

    /** Where it is configured: a folder's full name, or empty for the global configuration. */
    ConfiguredRegistry configured(String folder) {
        return new ConfiguredRegistry(folder, setting(), credentialsId);
    }

    static RegistryKind kind(String id) {
        return id != null && id.equals(RegistryKind.QUAY.id()) ? RegistryKind.QUAY : RegistryKind.DOCKER_V2;
    }

    /** The user name and password of the configured credentials, looked up as Jenkins itself. */
    static StandardUsernamePasswordCredentials systemCredentials(String credentialsId) {
        return credentialsIn(null, credentialsId);
    }

    /** The credentials with this ID seen from a folder (its own and its parents'), or globally when it is null. */
    static StandardUsernamePasswordCredentials credentialsIn(Item context, String credentialsId) {
        if (credentialsId == null || credentialsId.isBlank()) {
            return null;
        }
        List<StandardUsernamePasswordCredentials> visible = context == null
                ? CredentialsProvider.lookupCredentialsInItemGroup(StandardUsernamePasswordCredentials.class,
                Jenkins.get(), ACL.SYSTEM2, Collections.emptyList())
                : CredentialsProvider.lookupCredentialsInItem(StandardUsernamePasswordCredentials.class, context,
                ACL.SYSTEM2, Collections.emptyList());
        return CredentialsMatchers.firstOrNull(visible, CredentialsMatchers.withId(credentialsId));
    }

    /** A folder's form needs the right to configure the folder; the global one, to administer Jenkins. */
    private static void checkConfigure(Item context) {
        if (context == null) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        } else {
            context.checkPermission(Item.CONFIGURE);
        }
    }

    @Extension
    @Symbol("imageGraphRegistry")
    public static final class DescriptorImpl extends Descriptor<RegistrySettings> {

        @Override
        public String getDisplayName() {
            return "Registry";
        }

        @POST
        public FormValidation doCheckUrl(@AncestorInPath Item context, @QueryParameter String value,
                                         @QueryParameter String kind) {
            checkConfigure(context);
            try {
                RegistrySetting setting = RegistrySetting.parse(value, kind(kind));
                return setting.plainHttp() && !value.strip().startsWith("http://")
                        ? FormValidation.ok("a loopback registry: spoken to over plain HTTP")
                        : FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item context, @QueryParameter String value,
                                                   @QueryParameter String kind) {
            checkConfigure(context);
            StandardUsernamePasswordCredentials credentials = credentialsIn(context, value);
            if (value == null || value.isBlank()) {
                return FormValidation.ok("anonymous: only public repositories can be read, nothing pushed");
            }
            if (credentials == null) {
                return FormValidation.error("no username and password credentials with this ID");
            }
            return kind(kind).usernameWarning(credentials.getUsername()).map(FormValidation::warning)
                    .orElse(FormValidation.ok());
        }

        public ListBoxModel doFillKindItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("Docker Registry v2 (OCI Distribution)", RegistryKind.DOCKER_V2.id());
            items.add("Quay (robot account)", RegistryKind.QUAY.id());
            return items;
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item context,
                                                     @QueryParameter String credentialsId) {
            if (context != null) {
                return CredentialsItems.forItem(context, credentialsId);
            }
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return new StandardListBoxModel().includeCurrentValue(credentialsId);
            }
            return new StandardListBoxModel().includeEmptyValue()
                    .includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardUsernamePasswordCredentials.class,
                            Collections.emptyList(), CredentialsMatchers.always())
                    .includeCurrentValue(credentialsId);
        }

        /** "Test connection": the registry answers the API and takes the credentials when it asks for them. */
        @POST
        public FormValidation doTestConnection(@AncestorInPath Item context, @QueryParameter String url,
                                               @QueryParameter String kind, @QueryParameter String credentialsId) {
            checkConfigure(context);
            RegistrySetting setting;
            try {
                setting = RegistrySetting.parse(url, kind(kind));
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
            StandardUsernamePasswordCredentials credentials = credentialsIn(context, credentialsId);
            RegistryHost host = setting.host();
            CredentialResolver resolver = credentials == null ? CredentialResolver.anonymous()
                    : CredentialResolver.of(host, RegistryCredentials.of(credentials.getUsername(),
                    credentials.getPassword().getPlainText()));
            try {
                new DistributionRegistries(resolver, setting.plainHttp() ? Set.of(host.value()) : Set.of(),
                        RetryPolicy.standard()).named(host.value()).checkVersion();
                return FormValidation.ok("Connected to " + host.value()
                        + (credentials == null ? " anonymously" : " as " + credentials.getUsername()));
            } catch (RegistryException e) {
                return FormValidation.error(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return FormValidation.error("interrupted");
            }
        }
    }
}
