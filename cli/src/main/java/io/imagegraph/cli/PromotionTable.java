package io.imagegraph.cli;

import io.imagegraph.core.promote.MoveResult;
import io.imagegraph.core.promote.PromotionRecovery;
import io.imagegraph.core.promote.PromotionReport;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.run.PromotionRun;
import java.util.List;

/**
 * A promotion report as a table: one row a tag (a refused image's tags too), its digest before and
 * after, and what happened; then the refusals, the failure and the report's own conclusion, which
 * names the tags that are new, old or pending when they are not all one or the other. Earlier
 * promotions settled first come before, each with its own sentence.
 */
final class PromotionTable {

    private PromotionTable() {
    }

    static String render(PromotionRun.Outcome outcome) {
        StringBuilder out = new StringBuilder();
        boolean recoveryOnly = outcome.runId() == null;
        for (PromotionRecovery.Recovered recovered : outcome.recovered()) {
            if (!recoveryOnly) {
                out.append("Settled first, from the promotion journal:\n");
            }
            out.append(table(recovered.report().moves()));
            out.append(recovered.conclusion()).append('\n');
        }
        if (!recoveryOnly) {
            out.append(render(outcome.report()));
        }
        return out.toString();
    }

    static String render(PromotionReport report) {
        StringBuilder out = new StringBuilder(table(report.moves()));
        report.refusals().forEach(refusal -> out.append("Refused: ").append(refusal).append('\n'));
        if (report.failure() != null) {
            out.append("Failed: ").append(report.failure()).append('\n');
        }
        out.append(report.conclusion()).append('\n');
        return out.toString();
    }

    private static String table(List<MoveResult> moves) {
        TextTable table = new TextTable("IMAGE", "TAG", "BEFORE", "AFTER", "STATUS", "REASON");
        for (MoveResult move : moves) {
            table.row(move.image(), move.to() + ":" + move.tag(), move.before().map(Digest::shortForm).orElse("-"),
                    move.after().shortForm(), move.status().id(), move.reason());
        }
        return table.render();
    }
}
