package io.jenkins.plugins.imagegraph;

import hudson.Extension;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Job;
import hudson.triggers.Trigger;
import hudson.triggers.TriggerDescriptor;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.upstream.RebuildCause;
import io.imagegraph.core.upstream.UpstreamCheck;
import io.imagegraph.core.upstream.UpstreamSettings;
import io.imagegraph.core.upstream.WatchedJob;
import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.ParameterizedJobMixIn;
import jenkins.util.Timer;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * Starts the job when an upstream image its graph is built on moves: on its schedule it polls the
 * watches the job's last buildImageGraph recorded (the graph's external bases and configured
 * watches), each job with its own record of the digests seen. The webhook endpoint starts it
 * at once when a registry tells of a push. In a Jenkinsfile:
 * {@code properties([pipelineTriggers([imageChange('H/30 * * * *')])])}.
 */
public final class ImageChangeTrigger extends Trigger<Job<?, ?>> {

    private static final Logger LOGGER = Logger.getLogger(ImageChangeTrigger.class.getName());
    static final String STATE_FOLDER = "image-graph-upstream";

    @DataBoundConstructor
    public ImageChangeTrigger(String spec) {
        super(spec);
    }

    /** Runs on the cron thread: the poll goes to a pool thread so that other triggers do not wait for registries. */
    @Override
    public void run() {
        Job<?, ?> watched = job;
        if (watched != null) {
            Timer.get().submit(() -> poll(watched));
        }
    }

    static void poll(Job<?, ?> job) {
        Optional<WatchedJob> watches = watchesOf(job);
        if (watches.isEmpty()) {
            LOGGER.log(Level.FINE, "{0} has no upstream watches yet: no build ran buildImageGraph", job.getFullName());
            return;
        }
        try {
            watches.get().poll(new UpstreamSettings(Duration.ZERO, UpstreamSettings.DEFAULT_REQUEST_BUDGET, List.of()))
                    .ifPresent(cause -> start(job, cause));
        } catch (IOException | RegistryException e) {
            LOGGER.log(Level.WARNING, "image-graph: polling the upstream images of {0} failed: {1}",
                    new Object[] {job.getFullName(), e.getMessage()});
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The watches the job's last buildImageGraph recorded whose registries the job may use, with
     * the job's own upstream state and the registries its folders and the global configuration give it.
     */
    static Optional<WatchedJob> watchesOf(Job<?, ?> job) {
        return watchesOf(job, JobAccess.of(job));
    }

    static Optional<WatchedJob> watchesOf(Job<?, ?> job, JobAccess access) {
        ImageGraphAction last = ImageGraphAction.lastOf(job);
        if (last == null) {
            return Optional.empty();
        }
        List<String> allowed = access.scope().allowedWatches(last.getWatches());
        if (allowed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WatchedJob(allowed, StateDirectory.at(new File(job.getRootDir(), STATE_FOLDER).toPath()),
                access.controllerRegistries(), Clock.systemUTC()));
    }

    /**
     * After a build of a job with this trigger ran buildImageGraph: records where the watches not
     * known yet point, so that the first move after the job's first build starts it. On a pool
     * thread: the registries may be slow.
     */
    static void baseline(Job<?, ?> job) {
        if (!isOn(job)) {
            return;
        }
        Timer.get().submit(() -> {
            try {
                watchesOf(job).ifPresent(watches -> {
                    try {
                        watches.baseline().stream().filter(check -> check.status() == UpstreamCheck.Status.FAILED)
                                .forEach(check -> LOGGER.log(Level.WARNING, "image-graph: {0} cannot follow {1}: {2}",
                                        new Object[] {job.getFullName(), check.watch(), check.reason()}));
                    } catch (IOException e) {
                        LOGGER.log(Level.WARNING, "image-graph: the upstream state of {0} cannot be written: {1}",
                                new Object[] {job.getFullName(), e.getMessage()});
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "image-graph: recording the upstream digests of " + job.getFullName()
                        + " failed", e);
            }
        });
    }

    /** Whether the job has this trigger. */
    static boolean isOn(Job<?, ?> job) {
        return job instanceof ParameterizedJobMixIn.ParameterizedJob<?, ?> parameterized
                && parameterized.getTriggers().values().stream().anyMatch(ImageChangeTrigger.class::isInstance);
    }

    static void start(Job<?, ?> job, RebuildCause cause) {
        LOGGER.log(Level.INFO, "image-graph: starting {0}: {1}", new Object[] {job.getFullName(), cause.description()});
        ParameterizedJobMixIn.scheduleBuild2(job, -1, new CauseAction(new ImageChangeCause(cause.description(),
                cause.pinsJson(Instant.now()))));
    }

    @Extension
    @Symbol("imageChange")
    public static final class DescriptorImpl extends TriggerDescriptor {

        @Override
        public boolean isApplicable(Item item) {
            return item instanceof ParameterizedJobMixIn.ParameterizedJob;
        }

        @Override
        public String getDisplayName() {
            return "Build when an upstream image moves (image-graph)";
        }
    }
}
