package io.imagegraph.cli;

import io.imagegraph.core.graph.ExternalBase;
import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.plan.PlannedImage;
import java.util.ArrayList;
import java.util.List;

/** A plan as a table for people: one row an image, in build order, then a summary line. */
final class PlanTable {

    private static final String[] HEADERS = {"#", "IMAGE", "FROM", "PLAN", "INPUT DIGEST", "WHY"};

    private PlanTable() {
    }

    static String render(Plan plan) {
        List<String[]> rows = new ArrayList<>();
        int index = 1;
        for (PlannedImage image : plan.images()) {
            rows.add(new String[] {
                String.valueOf(index++),
                image.name(),
                from(image),
                image.toBuild() ? "build" : image.selection().selected() ? "skip (unchanged)" : "skip",
                image.inputDigest().shortForm(),
                why(image)
            });
        }
        int[] widths = new int[HEADERS.length];
        for (int i = 0; i < HEADERS.length; i++) {
            widths[i] = HEADERS[i].length();
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, HEADERS, widths);
        rows.forEach(row -> line(out, row, widths));
        out.append('\n').append(summary(plan)).append('\n');
        return out.toString();
    }

    private static String from(PlannedImage image) {
        List<String> parents = new ArrayList<>(image.node().parents());
        for (ExternalBase base : image.node().externalBases()) {
            parents.add(base.ref().toString());
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

    private static void line(StringBuilder out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(cells[i]);
            if (i < cells.length - 1) {
                line.append(" ".repeat(widths[i] - cells[i].length() + 2));
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
