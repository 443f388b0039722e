package io.jenkins.plugins.imagegraph;

import hudson.FilePath;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Run;
import hudson.util.FormValidation;
import io.imagegraph.core.build.BuildHost;
import java.io.IOException;

/**
 * A build host in the global configuration: a Docker Engine that {@code buildImageGraph} spreads
 * a graph's builds over, with its name in the log and the report, and how many images it builds
 * at once. Its kinds come from other plugins (docker-commons' Docker server endpoints), so that
 * this plugin and its configuration load without them.
 */
public abstract class BuildHostSetting extends AbstractDescribableImpl<BuildHostSetting> {

    private final String name;
    private final int slots;

    protected BuildHostSetting(String name, int slots) {
        this.name = name == null ? "" : name.strip();
        this.slots = slots < 1 ? 2 : slots;
    }

    public String getName() {
        return name;
    }

    public int getSlots() {
        return slots;
    }

    /**
     * This host for one build: its endpoint, and its TLS client material written under
     * {@code folder} (a private folder on the agent, outside the workspace), which the lease's
     * release removes.
     *
     * @throws IOException naming the host when its credentials cannot be found or written
     */
    public abstract HostLease lease(Run<?, ?> run, FilePath folder) throws IOException, InterruptedException;

    /** The engine's check of a name and an endpoint, for the forms of the kinds. */
    protected static FormValidation check(String name, String url) {
        try {
            BuildHost.parse(name == null || name.isBlank() ? "host" : name.strip(), url == null ? "" : url.strip(), 1);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
