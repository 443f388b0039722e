package io.imagegraph.core.gate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the smoke-test gate found: the images it tested (by exact reference) and every test's
 * result. The gate passes when no test failed or timed out.
 *
 * @param runId   the build run whose images were tested
 * @param images  the images under test
 * @param results one result a test run
 */
public record GateReport(String runId, List<TestedImage> images, List<SmokeResult> results) {

    public GateReport {
        images = List.copyOf(images);
        results = List.copyOf(results);
    }

    public boolean passed() {
        return results.stream().allMatch(result -> result.status() == SmokeStatus.PASSED);
    }

    /** Each image's verdict, in the images' order. */
    public Map<String, GateVerdict> verdicts() {
        Map<String, GateVerdict> verdicts = new LinkedHashMap<>();
        for (TestedImage image : images) {
            GateVerdict verdict = GateVerdict.UNTESTED;
            for (SmokeResult result : results) {
                if (result.images().contains(image.image())) {
                    if (result.status() != SmokeStatus.PASSED) {
                        verdict = GateVerdict.FAILED;
                        break;
                    }
                    verdict = GateVerdict.PASSED;
                }
            }
            verdicts.put(image.image(), verdict);
        }
        return verdicts;
    }
}
