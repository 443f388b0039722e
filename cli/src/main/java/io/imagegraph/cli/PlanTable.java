package io.imagegraph.cli;

import io.imagegraph.core.graph.ExternalBase;
import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.plan.PlannedImage;
import io.imagegraph.core.upstream.UpstreamPins;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A plan as a table for people: one row an image, in build order, then a summary line. */
final class PlanTable {

    private PlanTable() {
    }

    static String render(Plan plan) {
        return render(plan, Map.of());
    }

    /** The table, where an image a build would refresh (freshness) reads "build (refresh)" and why. */
    static String render(Plan plan, Map<String, String> refresh) {
        TextTable table = new TextTable("#", "IMAGE", "FROM", "PLAN", "INPUT DIGEST", "WHY");
        int index = 1;
        for (PlannedImage image : plan.images()) {
            String reason = refresh.get(image.name());
            table.row(String.valueOf(index++), image.name(), from(image, plan.pins()),
                    reason != null ? "build (refresh)" : image.toBuild() ? "build"
                            : image.selection().selected() ? "skip (unchanged)" : "skip",
                    image.inputDigest().shortForm(), reason != null ? reason : why(image));
        }
        return table.render() + "\n" + summary(plan) + refreshed(refresh) + "\n";
    }

    private static String from(PlannedImage image, UpstreamPins pins) {
        List<String> parents = new ArrayList<>(image.node().parents());
        for (ExternalBase base : image.node().externalBases()) {
            parents.add(pins.resolve(base.ref()).toString());
        }
        return parents.isEmpty() ? "scratch" : String.join(", ", parents);
    }

    private static String why(PlannedImage image) {
        if (!image.selection().selected()) {
            return image.selection().reason();
        }
        if (!image.affected()) {
            return "nothing it depends on changed";
        }
        return image.affectedReasons().get(0)
                + (image.affectedReasons().size() > 1 ? " (+" + (image.affectedReasons().size() - 1) + " more)" : "");
    }

    private static String summary(Plan plan) {
        String changes = plan.changes()
                .map(c -> c.paths().size() + " changed path" + (c.paths().size() == 1 ? "" : "s") + " from " + c.source())
                .orElse("no change detection (every image counts as changed)");
        return plan.toBuild().size() + " of " + plan.images().size() + " images to build; " + changes + ".";
    }

    private static String refreshed(Map<String, String> refresh) {
        return refresh.isEmpty() ? "" : " " + refresh.size() + " to refresh (freshness).";
    }
}
