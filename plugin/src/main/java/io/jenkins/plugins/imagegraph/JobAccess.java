package io.jenkins.plugins.imagegraph;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.imagegraph.core.access.ConfiguredRegistry;
import io.imagegraph.core.access.HostScope;
import io.imagegraph.core.pipeline.StepOptions;
import io.imagegraph.core.access.RegistryScope;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.registry.CredentialResolver;
import io.imagegraph.core.registry.DistributionRegistries;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.RegistryCredentials;
import io.imagegraph.core.registry.RetryPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * What one job may use of the image-graph configuration, gathered from Jenkins: the global
 * settings and those of every folder with an {@link ImageGraphFolderProperty}; the engine's
 * {@link RegistryScope} decides which registries the job sees. Folder credentials are looked up
 * in the job's context, so they are found inside the folder only.
 */
final class JobAccess {

    private static final Logger LOGGER = Logger.getLogger(JobAccess.class.getName());

    private final Item job;
    private final RegistryScope scope;

    private JobAccess(Item job, RegistryScope scope) {
        this.job = job;
        this.scope = scope;
    }

    static JobAccess of(Item job) {
        return new JobAccess(job, RegistryScope.of(job.getFullName(), configuredRegistries()));
    }

    RegistryScope scope() {
        return scope;
    }

    /** Every registry configured globally and on any folder; one that does not parse is left out, and logged. */
    private static List<ConfiguredRegistry> configuredRegistries() {
        List<ConfiguredRegistry> all = new ArrayList<>();
        ImageGraphConfiguration.get().getRegistries().forEach(registry -> add(all, registry, ""));
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            for (AbstractFolder<?> folder : Jenkins.get().allItems(AbstractFolder.class)) {
                ImageGraphFolderProperty property = settingsOf(folder);
                if (property != null) {
                    property.getRegistries().forEach(registry -> add(all, registry, folder.getFullName()));
                }
            }
        }
        return all;
    }

    private static void add(List<ConfiguredRegistry> all, RegistrySettings registry, String folder) {
        try {
            all.add(registry.configured(folder));
        } catch (IllegalArgumentException e) {
            LOGGER.log(Level.WARNING, "image-graph: the registry {0} configured in {1} is left out: {2}",
                    new Object[] {registry.getUrl(), folder.isEmpty() ? "the global configuration" : folder,
                            e.getMessage()});
        }
    }

    /** The folders the job is in that have image-graph settings, nearest first. */
    private List<AbstractFolder<?>> folders() {
        List<AbstractFolder<?>> folders = new ArrayList<>();
        ItemGroup<?> parent = job.getParent();
        while (parent instanceof AbstractFolder<?> folder) {
            if (settingsOf(folder) != null) {
                folders.add(folder);
            }
            parent = folder.getParent();
        }
        return folders;
    }

    private static ImageGraphFolderProperty settingsOf(AbstractFolder<?> folder) {
        return folder.getProperties().get(ImageGraphFolderProperty.class);
    }

    /**
     * The build hosts the job builds on: those {@code names} names (space-separated), else every
     * one it may use — the global ones and its folders', the nearest folder's winning for a name
     * ({@link HostScope} decides).
     *
     * @throws AbortException naming a host the job may not use, and where it is configured
     */
    List<BuildHostSetting> buildHosts(String names) throws AbortException {
        Map<HostScope.Placed, BuildHostSetting> settings = new LinkedHashMap<>();
        ImageGraphConfiguration.get().getBuildHosts().forEach(host -> settings.put(
                new HostScope.Placed(host.getName(), ""), host));
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            for (AbstractFolder<?> folder : Jenkins.get().allItems(AbstractFolder.class)) {
                ImageGraphFolderProperty property = settingsOf(folder);
                if (property != null) {
                    property.getBuildHosts().forEach(host -> settings.put(
                            new HostScope.Placed(host.getName(), folder.getFullName()), host));
                }
            }
        }
        try {
            return HostScope.of(job.getFullName(), new ArrayList<>(settings.keySet()))
                    .chosen(StepOptions.words(names)).stream().map(settings::get).toList();
        } catch (IllegalArgumentException e) {
            throw new AbortException("buildImageGraph hosts: " + e.getMessage());
        }
    }

    /** The global holds and those of the job's folders, as digest → reason. */
    Map<String, String> holds() {
        Map<String, String> reasons = new LinkedHashMap<>(ImageGraphConfiguration.get().holds());
        folders().forEach(folder -> settingsOf(folder).getHolds().forEach(hold ->
                reasons.putIfAbsent(hold.getDigest(), hold.getReason())));
        return reasons;
    }

    /** The quotas of the global configuration and of the job's folders, as where → the text of the list. */
    Map<String, String> quotas() {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("the global configuration", ImageGraphConfiguration.get().getQuotas());
        folders().forEach(folder -> texts.put("the folder '" + folder.getFullName() + "'",
                settingsOf(folder).getQuotas()));
        return texts;
    }

    /** The registries the controller asks for this job (the trigger, the webhook), with the credentials the job sees. */
    Registries controllerRegistries() {
        return registries(scope.visible(), CredentialsProvider.lookupCredentialsInItem(
                StandardUsernamePasswordCredentials.class, job, ACL.SYSTEM2, Collections.emptyList()), job.getFullName());
    }

    /**
     * The registries of the global configuration alone, with the credentials stored globally: what
     * the controller's own pages (the image catalog) ask, for no job in particular.
     */
    static Registries globalRegistries() {
        List<ConfiguredRegistry> global = new ArrayList<>();
        ImageGraphConfiguration.get().getRegistries().forEach(registry -> add(global, registry, ""));
        return registries(global, CredentialsProvider.lookupCredentialsInItemGroup(
                StandardUsernamePasswordCredentials.class, Jenkins.get(), ACL.SYSTEM2, Collections.emptyList()),
                "the controller");
    }

    private static Registries registries(List<ConfiguredRegistry> registries,
                                         List<StandardUsernamePasswordCredentials> visible, String who) {
        Map<RegistryHost, RegistryCredentials> logins = new HashMap<>();
        Set<String> plainHttp = new HashSet<>();
        for (ConfiguredRegistry registry : registries) {
            if (registry.setting().plainHttp()) {
                plainHttp.add(registry.setting().host().value());
            }
            if (!registry.credentialsId().isEmpty()) {
                StandardUsernamePasswordCredentials credentials = CredentialsMatchers.firstOrNull(visible,
                        CredentialsMatchers.withId(registry.credentialsId()));
                if (credentials == null) {
                    LOGGER.log(Level.WARNING, "image-graph: no credentials ''{0}'' for {1} ({2}) are visible to {3}",
                            new Object[] {registry.credentialsId(), registry.setting().host(), registry.place(), who});
                    continue;
                }
                logins.put(registry.setting().host(), RegistryCredentials.of(credentials.getUsername(),
                        credentials.getPassword().getPlainText()));
            }
        }
        return new DistributionRegistries(CredentialResolver.of(logins), plainHttp, RetryPolicy.standard());
    }
}
