package io.imagegraph.core.build;

import io.imagegraph.core.plan.PlannedImage;
import io.imagegraph.core.ref.TargetPlatform;
import java.util.List;
import java.util.Optional;

/**
 * What an image needs of the build host that builds it: BuildKit for its build secrets and for a
 * build that names its platform (the legacy builder does neither faithfully), and each of its
 * platforms among those the host builds for.
 */
final class HostCapabilities {

    private HostCapabilities() {
    }

    /** Why {@code engine} cannot build {@code image}, naming what is missing, or empty when it can. */
    static Optional<String> refusal(PlannedImage image, HostEngine engine) throws InterruptedException {
        String name = image.name();
        List<TargetPlatform> platforms = TargetPlatform.parseAll(image.node().spec().platforms());
        boolean secrets = !image.node().spec().build().secrets().isEmpty();
        // the build names its platform (--platform) unless it is the one machine's own (MultiPlatformBuild)
        Optional<TargetPlatform> named = platforms.stream().filter(p -> platforms.size() > 1
                || !HostPlatforms.local().isNative(p)).findFirst();
        if ((secrets || named.isPresent()) && !engine.buildsWithBuildKit()) {
            return Optional.of("its Engine has no BuildKit, which " + (secrets ? "the build secrets of " + name
                    : "a build of " + name + " for " + named.get()) + " need" + (secrets ? "" : "s"));
        }
        for (TargetPlatform platform : platforms) {
            Optional<String> refusal = engine.platformRefusal(name, platform);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }
}
