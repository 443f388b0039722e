package io.imagegraph.core.access;

import io.imagegraph.core.upstream.UpstreamWatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registries one job may use: the global ones and those of the folders it is in, the nearest
 * folder's winning for a host configured more than once (a team's own credentials over the
 * administrator's). A registry configured only on folders the job is not in is refused to it, by
 * its builds and promotions, and its pushes do not start the job; a registry configured nowhere
 * stays open to every job (anonymous, or with the step's own credentials), as before folders.
 */
public final class RegistryScope {

    private final String job;
    private final List<ConfiguredRegistry> visible;
    private final Map<String, List<String>> foreign;

    private RegistryScope(String job, List<ConfiguredRegistry> visible, Map<String, List<String>> foreign) {
        this.job = job;
        this.visible = List.copyOf(visible);
        this.foreign = foreign;
    }

    /**
     * @param job        the job's full name ({@code team-a/images})
     * @param configured every configured registry, global and on every folder
     */
    public static RegistryScope of(String job, List<ConfiguredRegistry> configured) {
        Map<String, ConfiguredRegistry> byHost = new LinkedHashMap<>();
        configured.stream().filter(registry -> registry.reaches(job))
                .sorted(Comparator.comparingInt((ConfiguredRegistry registry) -> registry.folder().length()).reversed())
                .forEach(registry -> byHost.putIfAbsent(registry.setting().host().value(), registry));
        Map<String, List<String>> foreign = new TreeMap<>();
        for (ConfiguredRegistry registry : configured) {
            String host = registry.setting().host().value();
            if (!byHost.containsKey(host) && !registry.reaches(job)) {
                foreign.computeIfAbsent(host, ignored -> new ArrayList<>()).add(registry.folder());
            }
        }
        return new RegistryScope(job, new ArrayList<>(byHost.values()), foreign);
    }

    public String job() {
        return job;
    }

    /** The registries the job uses, nearest folder first, one per host. */
    public List<ConfiguredRegistry> visible() {
        return visible;
    }

    /** Whether the job may push to, promote to or be started by this registry host. */
    public boolean allows(String host) {
        return !foreign.containsKey(host);
    }

    /** Why the job may not use a host, for every host it may not use: what a build on an agent checks. */
    public Map<String, String> refusals() {
        Map<String, String> refusals = new TreeMap<>();
        foreign.forEach((host, folders) -> refusals.put(host, refusal(host, folders)));
        return refusals;
    }

    /** The watches whose registry the job may use: the pushes of the others never start it. */
    public List<String> allowedWatches(List<String> watchKeys) {
        return watchKeys.stream().filter(key -> allows(UpstreamWatch.ofKey(key).repository().registry())).toList();
    }

    /**
     * What to tell about a pushed tag whose digest the controller could not confirm: which
     * registry to configure, and where, so that it can.
     */
    public String unconfirmed(String host, String failure) {
        Optional<ConfiguredRegistry> configured = visible.stream()
                .filter(registry -> registry.setting().host().value().equals(host)).findFirst();
        String advice = configured.map(registry -> "the registry " + host + " is configured in " + registry.place()
                        + (registry.credentialsId().isEmpty() ? " without credentials: give it credentials that can read"
                        + " the pushed repository" : " with the credentials '" + registry.credentialsId()
                        + "': check that they can read the pushed repository"))
                .orElse("configure the registry " + host + ", with credentials that can read the pushed repository, on"
                        + " a folder of " + job + " or in the global configuration");
        return failure + "; " + advice;
    }

    private String refusal(String host, List<String> folders) {
        String where = folders.size() == 1 ? "the folder '" + folders.get(0) + "'"
                : "the folders '" + String.join("', '", folders) + "'";
        return "the registry " + host + " is configured on " + where + ", and the job '" + job + "' is not in "
                + (folders.size() == 1 ? "it" : "any of them") + ": use a registry configured on the job's folders or"
                + " globally, or move the job into " + where;
    }
}
