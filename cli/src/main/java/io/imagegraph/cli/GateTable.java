package io.imagegraph.cli;

import io.imagegraph.core.gate.GateReport;
import io.imagegraph.core.gate.SmokeResult;

/** A gate report as a table: one row a test, then each image's verdict. */
final class GateTable {

    private GateTable() {
    }

    static String render(GateReport report) {
        TextTable table = new TextTable("TEST", "IMAGES", "STATUS", "DURATION", "REASON");
        for (SmokeResult result : report.results()) {
            table.row(result.test(), String.join(",", result.images()), result.status().id(),
                    String.format("%.1fs", result.duration().toMillis() / 1000.0), result.reason());
        }
        StringBuilder out = new StringBuilder(table.render());
        report.verdicts().forEach((image, verdict) -> out.append(image).append(": ").append(verdict).append('\n'));
        out.append(report.passed() ? "Gate passed.\n" : "Gate failed: the failed images may not be promoted.\n");
        return out.toString();
    }
}
