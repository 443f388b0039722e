package io.imagegraph.core.build;

import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.plan.PlannedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The images of a plan that a build now would refresh (freshness, {@code --refresh-older-than})
 * and why, with the reasons the build report gives ("last built 31 h ago, freshness 24 h"), so
 * that {@code imagegraph plan} says what a nightly build will rebuild although nothing changed.
 * A plan cannot know whether a refresh will come out {@code unchanged}: that takes the build.
 */
public final class PlanFreshness {

    private PlanFreshness() {
    }

    /**
     * Image name to why a build would refresh it, in build order, for the images a build of the
     * plan runs (those to build and the ancestors they need); empty with {@code --rebuild}, which
     * builds them all anyway.
     *
     * @param records          the lineage, whose newest build of each input digest is its age
     * @param refreshOlderThan {@code --refresh-older-than}, over each image's graph-file freshness
     */
    public static Map<String, String> reasons(Plan plan, List<LineageRecord> records,
                                              Optional<Duration> refreshOlderThan, Instant now) {
        Map<String, PlannedImage> planned = new LinkedHashMap<>();
        plan.images().forEach(image -> planned.put(image.name(), image));
        Set<String> inRun = new HashSet<>(plan.toBuild());
        plan.toBuild().forEach(name -> inRun.addAll(plan.graph().ancestors(name)));
        List<String> runOrder = plan.graph().order().stream().filter(inRun::contains).toList();
        return Freshness.stale(plan.graph(), planned, runOrder, records, refreshOlderThan, now);
    }
}
