package io.imagegraph.core.plan;

import io.imagegraph.core.graph.ExternalBase;
import java.util.LinkedHashSet;
import java.util.Set;

/** A plan as a Graphviz DOT drawing: parents above children, images to build filled, external bases dashed. */
public final class PlanDot {

    private PlanDot() {
    }

    public static String write(Plan plan) {
        StringBuilder dot = new StringBuilder();
        dot.append("digraph imagegraph {\n");
        dot.append("  rankdir=TB;\n");
        dot.append("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fillcolor=\"#ffffff\"];\n");
        Set<String> externals = new LinkedHashSet<>();
        for (PlannedImage image : plan.images()) {
            String fill = image.toBuild() ? "#cfe3ff" : image.selection().selected() ? "#ffffff" : "#e6e6e6";
            String state = image.toBuild() ? "build" : image.selection().selected() ? "unchanged" : "not selected";
            dot.append("  ").append(quote(image.name())).append(" [label=").append(quote(image.name() + "\\n"
                    + image.inputDigest().shortForm() + "\\n" + state)).append(", fillcolor=\"").append(fill)
                    .append("\"];\n");
            for (ExternalBase base : image.node().externalBases()) {
                externals.add(base.ref().toString());
            }
        }
        for (String external : externals) {
            dot.append("  ").append(quote("external:" + external)).append(" [label=").append(quote(external))
                    .append(", style=\"dashed\", shape=box];\n");
        }
        for (PlannedImage image : plan.images()) {
            for (String parent : image.node().parents()) {
                dot.append("  ").append(quote(parent)).append(" -> ").append(quote(image.name())).append(";\n");
            }
            for (ExternalBase base : image.node().externalBases()) {
                dot.append("  ").append(quote("external:" + base.ref())).append(" -> ").append(quote(image.name()))
                        .append(" [style=dashed];\n");
            }
        }
        return dot.append("}\n").toString();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\\\\n", "\\n") + "\"";
    }
}
