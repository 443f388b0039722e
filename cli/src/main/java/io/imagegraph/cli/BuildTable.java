package io.imagegraph.cli;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.ImageResult;
import io.imagegraph.core.build.ImageStatus;
import java.util.ArrayList;
import java.util.List;

/** A build report as a table for people, then a summary line. */
final class BuildTable {

    private BuildTable() {
    }

    static String render(BuildReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"IMAGE", "STATUS", "IMAGE ID", "DURATION", "REASON"});
        for (ImageResult result : report.images()) {
            rows.add(new String[] {
                result.name(),
                result.status().id(),
                result.imageId().map(BuildTable::shortId).orElse("-"),
                result.duration().isZero() ? "-" : String.format("%.1fs", result.duration().toMillis() / 1000.0),
                result.reason()
            });
        }
        int[] widths = new int[5];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        out.append('\n').append(String.format("%s: %d built, %d reused, %d failed, %d not built (parent failed),"
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
