package io.imagegraph.cli;

import io.imagegraph.core.mutate.MutationResult;
import java.util.List;

/** The text table of {@code imagegraph mutate}: a row a mutation. */
final class MutationTable {

    private MutationTable() {
    }

    static String of(List<MutationResult> results) {
        if (results.isEmpty()) {
            return "No mutation to apply.\n";
        }
        TextTable table = new TextTable("MUTATION", "STATUS", "TO", "DIGEST", "LAYERS", "REASON");
        for (MutationResult result : results) {
            table.row(result.name(), result.status().id(), result.to(), shortDigest(result.digest()), layers(result),
                    result.reason());
        }
        return table.render();
    }

    private static String layers(MutationResult result) {
        if (result.status() != MutationResult.Status.MUTATED) {
            return "-";
        }
        StringBuilder text = new StringBuilder();
        append(text, result.layersShared(), "shared");
        append(text, result.layersMounted(), "mounted");
        append(text, result.layersCopied(), "copied");
        return text.isEmpty() ? "0" : text.toString();
    }

    private static void append(StringBuilder text, int count, String how) {
        if (count > 0) {
            text.append(text.isEmpty() ? "" : ", ").append(count).append(' ').append(how);
        }
    }

    private static String shortDigest(String digest) {
        if (digest == null) {
            return "-";
        }
        int colon = digest.indexOf(':');
        return digest.substring(colon + 1, Math.min(digest.length(), colon + 13));
    }
}
