package io.jenkins.plugins.imagegraph;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.AsyncPeriodicWork;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.imagegraph.core.catalog.CatalogCache;
import io.imagegraph.core.catalog.CatalogFilter;
import io.imagegraph.core.catalog.CatalogScanner;
import io.imagegraph.core.catalog.CatalogSources;
import io.imagegraph.core.catalog.DigestFacts;
import io.imagegraph.core.registry.RegistrySetting;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.track.ConfiguredHolds;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jenkins.model.Jenkins;

/**
 * Scans the configured registries for the catalog pages in the background, every
 * {@link #MINUTES} minutes and when an administrator asks, never on a request's thread: the
 * engine's {@link CatalogScanner} over the configured registries with their credentials, knowing
 * also the repositories the recent builds pushed to (for registries that will not list theirs),
 * with what the configured state folder records (tag history, tests, holds, deployments) and the
 * configured holds. It also notes which build produced each run and digest, for the pages' links.
 */
@Extension
public final class CatalogRefresh extends AsyncPeriodicWork {

    static final long MINUTES = 15;
    private static final int BUILDS_BACK = 20;

    private final CatalogCache cache = new CatalogCache(Clock.systemUTC());
    private volatile Map<String, String> buildsByRun = Map.of();
    private volatile Map<String, String> buildsByDigest = Map.of();

    public CatalogRefresh() {
        super("Image Graph catalog");
    }

    static CatalogRefresh get() {
        return ExtensionList.lookupSingleton(CatalogRefresh.class);
    }

    @Override
    public long getRecurrencePeriod() {
        return MINUTES * MIN;
    }

    @Override
    public long getInitialDelay() {
        return 20 * 1000L;
    }

    CatalogCache cache() {
        return cache;
    }

    /** Run id → the externalizable id of the build that ran it ({@code job#7}). */
    Map<String, String> buildsByRun() {
        return buildsByRun;
    }

    /** Digest → the externalizable id of the build that produced it. */
    Map<String, String> buildsByDigest() {
        return buildsByDigest;
    }

    @Override
    protected void execute(TaskListener listener) throws IOException, InterruptedException {
        ImageGraphConfiguration configuration = ImageGraphConfiguration.get();
        Map<String, String> byRun = new HashMap<>();
        Map<String, String> byDigest = new HashMap<>();
        Set<String> pushedTo = new LinkedHashSet<>();
        for (Job<?, ?> job : Jenkins.get().allItems(Job.class)) {
            int seen = 0;
            for (Run<?, ?> build = job.getLastBuild(); build != null && seen < BUILDS_BACK;
                 build = build.getPreviousBuild(), seen++) {
                for (ImageGraphAction action : build.getActions(ImageGraphAction.class)) {
                    byRun.putIfAbsent(action.getRunId(), build.getExternalizableId());
                    for (Object image : action.getImages().values()) {
                        if (image instanceof Map<?, ?> values) {
                            if (values.get("digest") instanceof String digest && !digest.isEmpty()) {
                                byDigest.putIfAbsent(digest, build.getExternalizableId());
                            }
                            if (values.get("tags") instanceof List<?> tags) {
                                tags.forEach(tag -> pushedTo.add(String.valueOf(tag).replaceFirst(":[^:/]+$", "")));
                            }
                        }
                    }
                }
            }
        }
        buildsByRun = Map.copyOf(byRun);
        buildsByDigest = Map.copyOf(byDigest);
        List<String> hosts = new ArrayList<>();
        for (RegistrySettings registry : configuration.getRegistries()) {
            try {
                RegistrySetting setting = registry.setting();
                hosts.add(setting.host().value());
            } catch (IllegalArgumentException e) {
                listener.getLogger().println("the configured registry " + registry.getUrl() + " is left out: "
                        + e.getMessage());
            }
        }
        DigestFacts facts = DigestFacts.read(StateDirectory.at(stateFolder(configuration)),
                ConfiguredHolds.of(configuration.holds()));
        boolean scanned = cache.refresh(() -> new CatalogScanner(JobAccess.globalRegistries(), 100, 4).scan(
                CatalogSources.adding(CatalogSources.of(Optional.empty(), hosts, facts), pushedTo), facts,
                CatalogFilter.all()));
        listener.getLogger().println(scanned ? "catalog scanned: " + cache.snapshot().catalog()
                .map(catalog -> catalog.entries().size() + " tags").orElse("no catalog") + cache.snapshot().problem()
                .map(problem -> "; " + problem).orElse("") : "a scan was running already");
    }

    /** The configured state folder; without one, a folder of JENKINS_HOME that holds nothing unless builds share it. */
    private static Path stateFolder(ImageGraphConfiguration configuration) {
        String configured = configuration.getCatalogStateFolder();
        return configured == null || configured.isBlank()
                ? new File(Jenkins.get().getRootDir(), "image-graph-state").toPath() : Path.of(configured.strip());
    }
}
