package io.imagegraph.core.build;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.plan.PlannedImage;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Why an image was built rather than reused, in words for the report: "--rebuild", "its parent
 * base was rebuilt", the change that affected it ("its Dockerfile changed: images/x/Dockerfile"),
 * "its input digest changed since run R", "first build", or that the image built before is gone.
 */
final class BuildReasons {

    /** What the planner says of every image when it was given no change set: no reason at all. */
    private static final String NO_CHANGE_SET = "no change set given";

    private BuildReasons() {
    }

    static String built(ImageGraph graph, PlannedImage image, Map<String, ImageResult> done, BuildOptions options,
                        List<LineageRecord> records) {
        if (options.rebuild()) {
            return "built: --rebuild builds every image of the run";
        }
        Optional<LineageRecord> last = records.stream().filter(record -> record.image().equals(image.name()))
                .reduce((first, second) -> second);
        if (last.isEmpty()) {
            return "built: first build (no image has its input digest yet)";
        }
        List<String> rebuiltParents = graph.node(image.name()).parents().stream()
                .filter(parent -> done.containsKey(parent) && done.get(parent).status() == ImageStatus.BUILT).toList();
        if (!rebuiltParents.isEmpty()) {
            return "built: its parent " + String.join(", ", rebuiltParents) + (rebuiltParents.size() == 1 ? " was" : " were")
                    + " rebuilt";
        }
        List<String> changes = image.affectedReasons().stream().filter(reason -> !reason.startsWith(NO_CHANGE_SET)
                && !reason.startsWith("its parent ")).toList();
        if (!changes.isEmpty()) {
            return "built: input digest changed: " + String.join("; ", changes);
        }
        String inputDigest = image.inputDigest().toString();
        if (last.get().inputDigest() != null && !last.get().inputDigest().equals(inputDigest)) {
            return "built: input digest changed since run " + last.get().runId() + " (" + shortDigest(last.get().inputDigest())
                    + " then, " + shortDigest(inputDigest) + " now)";
        }
        return "built: an image with its input digest was built in run " + last.get().runId()
                + " but is no longer in the image store or registry";
    }

    private static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        return digest.substring(0, Math.min(digest.length(), colon + 13));
    }
}
