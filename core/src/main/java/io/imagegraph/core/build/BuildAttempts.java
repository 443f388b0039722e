package io.imagegraph.core.build;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs one image's build until it succeeds: a failure that trying again may cure
 * ({@link ImageBuildException#isTransient()}) is retried up to {@link BuildOptions#retries()}
 * times with a doubling back-off; any other failure ends it at once. On a build host, a failure is
 * followed by {@code docker version} against the host ({@link HostEngine#problem()}) first: when
 * its Engine does not answer, the attempts end at once, for the image to be built on another host
 * ({@link HostBuild}), not retried on one that is down.
 */
final class BuildAttempts {

    /** How the attempts ended: the built image's ID, or why the last attempt failed; and how many were made. */
    record Outcome(Optional<String> imageId, Optional<String> failure, int attempts) {

        static Outcome built(String imageId, int attempts) {
            return new Outcome(Optional.of(imageId), Optional.empty(), attempts);
        }

        static Outcome failed(String why, int attempts) {
            return new Outcome(Optional.empty(), Optional.of(why), attempts);
        }
    }

    private final BuildEventSink events;
    private final BuildOptions options;

    BuildAttempts(BuildEventSink events, BuildOptions options) {
        this.events = events;
        this.options = options;
    }

    /**
     * Builds {@code job} with {@code builder}, each attempt writing {@code logFile} anew; {@code why}
     * ends the Started event. On {@code onHost}, attempts made on hosts lost before count first.
     */
    Outcome build(String name, ImageBuilder builder, BuildJob job, Path logFile, String why,
                  Optional<HostBuild.OnHost> onHost) throws IOException, InterruptedException {
        int attempt = onHost.map(HostBuild.OnHost::attemptsBefore).orElse(0);
        while (true) {
            attempt++;
            events.accept(new BuildEvent.Started(name, attempt, "building" + why));
            try (OutputStream log = ImageLog.open(logFile, name, events)) {
                return Outcome.built(builder.build(job, log), attempt);
            } catch (ImageBuildException e) {
                if (onHost.isPresent() && onHost.get().engine().problem().isPresent()) {
                    return Outcome.failed(e.getMessage(), attempt);
                }
                if (!e.isTransient() || attempt > options.retries()) {
                    return Outcome.failed(e.getMessage(), attempt);
                }
                long delay = options.retryBackoff().toMillis() << (attempt - 1);
                events.accept(new BuildEvent.Retrying(name, attempt, e.getMessage(), delay));
                Thread.sleep(delay);
            }
        }
    }
}
