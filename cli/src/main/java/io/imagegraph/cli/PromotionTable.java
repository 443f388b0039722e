package io.imagegraph.cli;

import io.imagegraph.core.promote.MoveResult;
import io.imagegraph.core.promote.PromotionReport;
import io.imagegraph.core.ref.Digest;

/** A promotion report as a table: one row a tag, its digest before and after, and what happened. */
final class PromotionTable {

    private PromotionTable() {
    }

    static String render(PromotionReport report) {
        TextTable table = new TextTable("IMAGE", "TAG", "BEFORE", "AFTER", "STATUS", "REASON");
        for (MoveResult move : report.moves()) {
            table.row(move.image(), move.to() + ":" + move.tag(), move.before().map(Digest::shortForm).orElse("-"),
                    move.after().shortForm(), move.status().id(), move.reason());
        }
        StringBuilder out = new StringBuilder(table.render());
        report.refusals().forEach(refusal -> out.append("Refused: ").append(refusal).append('\n'));
        if (report.failure() != null) {
            out.append("Failed, rolled back: ").append(report.failure()).append('\n');
        }
        out.append(report.dryRun() ? "Dry run: nothing was moved.\n"
                : report.succeeded() ? "Promoted: every tag points at its tested digest.\n"
                : "Not promoted: no tag was left moved (see each row).\n");
        return out.toString();
    }
}
