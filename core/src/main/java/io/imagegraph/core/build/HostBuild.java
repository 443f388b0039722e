package io.imagegraph.core.build;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.plan.PlannedImage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The part of a {@link GraphBuild} that spreads its images over build hosts: the
 * {@link HostScheduler} places each image, {@link ParentTransfer} gets its parents there, and an
 * image whose build failed because its host stopped answering is built again on another host,
 * which counts as one of its retries (one a lost host: its attempts there end at the first failure,
 * {@link BuildAttempts}). When its retries are used up it fails, naming the hosts.
 */
final class HostBuild {

    /**
     * Where one image builds: the host's Engine, the run's parent transfer, and how many of the
     * image's attempts were spent on hosts lost before (each at least one).
     */
    record OnHost(HostEngine engine, ParentTransfer transfer, int attemptsBefore) {
    }

    /** Builds one image on one host (GraphBuild's own build of an image). */
    @FunctionalInterface
    interface OneBuild {
        ImageResult build(String name, OnHost onHost) throws InterruptedException;
    }

    private final BuildHosts hosts;
    private final BuildEventSink events;
    private final ParentTransfer transfer;
    private final Map<String, Integer> attemptsOnLostHosts = new java.util.concurrent.ConcurrentHashMap<>();
    private HostScheduler scheduler;

    HostBuild(BuildHosts hosts, BuildEventSink events) {
        this.hosts = hosts;
        this.events = events;
        this.transfer = new ParentTransfer(events);
        this.scheduler = new HostScheduler(hosts.engines(), false);
    }

    Map<String, BuildScheduler.Outcome> run(List<String> order, Map<String, Set<String>> dependencies,
                                            Map<String, Double> priority, ImageGraph graph,
                                            Map<String, PlannedImage> planned, BuildOptions options,
                                            Map<String, ImageResult> results, OneBuild build)
            throws InterruptedException {
        scheduler = new HostScheduler(hosts.engines(), options.failFast());
        return scheduler.run(order, dependencies, priority,
                (name, engine, hostsLost) -> {
                    ImageResult result = build.build(name, new OnHost(engine, transfer,
                            attemptsOnLostHosts.getOrDefault(name, 0)));
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedException("cancelled while finishing " + name);
                    }
                    if (result.status() == ImageStatus.FAILED) {
                        Optional<String> problem = engine.problem();
                        if (problem.isPresent()) {
                            transfer.forget(name);
                            // lost before its build started (pulling a parent, say): the host still costs an attempt
                            int used = Math.max(result.attempts(), attemptsOnLostHosts.getOrDefault(name, 0) + 1);
                            attemptsOnLostHosts.put(name, used);
                            result = withAttempts(result, used);
                            if (used <= options.retries()) {
                                events.accept(new BuildEvent.Retrying(name, used,
                                        "build host " + engine.name() + " is down: " + problem.get()
                                                + "; building it on another host", 0));
                                return HostScheduler.Verdict.lost(problem.get());
                            }
                            result = lost(result, engine, problem.get(), hostsLost);
                            results.put(name, result);
                            events.accept(new BuildEvent.Finished(result));
                            return HostScheduler.Verdict.lost(problem.get());
                        }
                    } else if (result.status().isSuccess()) {
                        transfer.builtOn(name, engine.name());
                    }
                    results.put(name, result);
                    events.accept(new BuildEvent.Finished(result));
                    return result.status().isSuccess() ? HostScheduler.Verdict.success() : HostScheduler.Verdict.failure();
                },
                (name, engine) -> HostCapabilities.refusal(planned.get(name), engine),
                (name, reason) -> {
                    PlannedImage image = planned.get(name);
                    ImageResult refused = new ImageResult(name, ImageStatus.FAILED, Optional.empty(), Optional.empty(),
                            List.of(), image.inputDigest().toString(), java.time.Duration.ZERO, Optional.empty(),
                            reason, 0);
                    results.put(name, refused);
                    events.accept(new BuildEvent.Finished(refused));
                });
    }


    private static ImageResult withAttempts(ImageResult result, int attempts) {
        return new ImageResult(result.name(), result.status(), result.imageId(), result.digest(), result.tags(),
                result.inputDigest(), result.duration(), result.logFile(), result.reason(), attempts);
    }

    private ImageResult lost(ImageResult result, HostEngine engine, String problem, int hostsLost) {
        return new ImageResult(result.name(), ImageStatus.FAILED, Optional.empty(), Optional.empty(), List.of(),
                result.inputDigest(), result.duration(), result.logFile(), "build host " + engine.name()
                + " went down while building it (" + problem + ") and its retries are used up (" + hostsLost
                + " other host" + (hostsLost == 1 ? "" : "s") + " lost before); raise --retries to build it elsewhere"
                + " (last error: " + result.reason() + ")", result.attempts());
    }

    /** Where the images were built, the parents' pulls, and the hosts that went down. */
    HostsReport report() {
        return new HostsReport(hosts.names(), transfer.placements(), scheduler.hostsDown());
    }
}
