package io.imagegraph.core.report;

import java.util.List;
import java.util.Map;

/**
 * What the report shows of one image beside the picture. Empty collections and empty strings
 * where something does not apply (an external base has only its reference).
 *
 * @param repository  where it is named
 * @param tags        every reference it was tagged with
 * @param imageId     its ID in the local image store
 * @param inputDigest the digest of its inputs
 * @param bases       each parent or external base, with the digest it was built on
 * @param durationMillis how long its build or look-up took
 * @param reason      why it has its build status, in words
 * @param tests       each smoke test that ran against it: name, status, duration and output tail
 * @param promotions  each tag a promotion moved or tried to move: tag, before, after, status
 * @param hold        why a hold blocks it, when one does
 * @param logTail     the last lines of its build log
 */
public record ImageDetails(String repository, List<String> tags, String imageId, String inputDigest,
                           Map<String, String> bases, long durationMillis, String reason, List<TestLine> tests,
                           List<PromotionLine> promotions, String hold, String logTail) {

    public ImageDetails {
        tags = List.copyOf(tags);
        bases = Map.copyOf(bases);
        tests = List.copyOf(tests);
        promotions = List.copyOf(promotions);
    }

    public static ImageDetails ofExternal(String reference) {
        return new ImageDetails(reference, List.of(), "", "", Map.of(), 0, "an image from outside the graph", List.of(),
                List.of(), "", "");
    }

    /** One smoke test's result for this image. */
    public record TestLine(String test, String status, long durationMillis, String outputTail) {
    }

    /** One tag a promotion moved (or did not). */
    public record PromotionLine(String reference, String before, String after, String status) {
    }
}
