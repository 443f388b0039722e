package io.imagegraph.core.build;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.plan.PlannedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The images a run takes on: those its plan builds and every ancestor they need, in dependency
 * order; an ancestor the plan does not build is there because an image needs it ({@link #neededBy}).
 *
 * @param planned    every image of the plan, by name, in the plan's order
 * @param neededBy   an ancestor the plan does not build, to the first image of the plan that needs it
 * @param inRunOrder the images of the run, each after its parents
 */
record RunImages(Map<String, PlannedImage> planned, Map<String, String> neededBy, List<String> inRunOrder) {

    RunImages {
        planned = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(planned));
        neededBy = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(neededBy));
        inRunOrder = List.copyOf(inRunOrder);
    }

    static RunImages of(Plan plan) {
        ImageGraph graph = plan.graph();
        Map<String, PlannedImage> planned = new LinkedHashMap<>();
        plan.images().forEach(image -> planned.put(image.name(), image));
        Map<String, String> neededBy = new LinkedHashMap<>();
        for (String name : plan.toBuild()) {
            for (String ancestor : graph.ancestors(name)) {
                if (!planned.get(ancestor).toBuild()) {
                    neededBy.putIfAbsent(ancestor, name);
                }
            }
        }
        List<String> inRunOrder = graph.order().stream()
                .filter(name -> planned.get(name).toBuild() || neededBy.containsKey(name)).toList();
        return new RunImages(planned, neededBy, inRunOrder);
    }

    Set<String> inRun() {
        return Set.copyOf(inRunOrder);
    }
}
