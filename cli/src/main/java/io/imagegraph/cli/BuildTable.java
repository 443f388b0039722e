package io.imagegraph.cli;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.ImageResult;
import io.imagegraph.core.build.ImageStatus;

/** A build report as a table for people, then a summary line. */
final class BuildTable {

    private BuildTable() {
    }

    static String render(BuildReport report) {
        TextTable table = new TextTable("IMAGE", "STATUS", "DIGEST OR ID", "DURATION", "REASON");
        for (ImageResult result : report.images()) {
            table.row(result.name(), result.status().id(), result.identity().map(BuildTable::shortId).orElse("-"),
                    result.duration().isZero() ? "-" : String.format("%.1fs", result.duration().toMillis() / 1000.0),
                    result.reason());
        }
        StringBuilder out = new StringBuilder(table.render());
        long unchanged = report.count(ImageStatus.UNCHANGED);
        out.append('\n').append(String.format("%s: %d built, %d reused" + (unchanged > 0 ? ", " + unchanged + " unchanged" : "")
                        + ", %d failed, %d not built (parent failed),"
                        + " %d cancelled, %d not selected; run %s.%n",
                report.succeeded() ? "Succeeded" : "Failed", report.count(ImageStatus.BUILT),
                report.count(ImageStatus.REUSED), report.count(ImageStatus.FAILED),
                report.count(ImageStatus.PARENT_FAILED), report.count(ImageStatus.CANCELLED),
                report.count(ImageStatus.NOT_SELECTED), report.runId()));
        return out.toString();
    }

    private static String shortId(String id) {
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return hex.substring(0, Math.min(12, hex.length()));
    }
}
