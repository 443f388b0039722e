package io.imagegraph.core.promote;

import io.imagegraph.core.gate.GateReport;
import io.imagegraph.core.gate.GateVerdict;
import io.imagegraph.core.gate.SmokeResult;
import io.imagegraph.core.gate.SmokeStatus;
import io.imagegraph.core.gate.TestedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The images a smoke-test gate keeps from promotion: those whose tests failed or timed out, those
 * it tested at another digest than the one to promote, and those it never saw.
 */
public final class GateBlocks {

    private GateBlocks() {
    }

    public static Map<String, String> of(GateReport gate, List<PromotionSource> sources) {
        Map<String, GateVerdict> verdicts = gate.verdicts();
        Map<String, String> blocked = new LinkedHashMap<>();
        for (PromotionSource source : sources) {
            Optional<TestedImage> tested = gate.images().stream().filter(i -> i.image().equals(source.image())).findFirst();
            if (tested.isEmpty()) {
                blocked.put(source.image(), "the test report (run " + gate.runId() + ") did not test it");
            } else if (!tested.get().digest().map(d -> d.equals(source.tested().toString())).orElse(false)) {
                blocked.put(source.image(), "its tests ran against " + tested.get().reference() + ", not "
                        + source.tested());
            } else if (verdicts.get(source.image()) == GateVerdict.FAILED) {
                StringBuilder why = new StringBuilder("it failed its smoke tests:");
                for (SmokeResult result : gate.results()) {
                    if (result.images().contains(source.image()) && result.status() != SmokeStatus.PASSED) {
                        why.append(' ').append(result.test()).append(" ").append(result.status()).append(" (")
                                .append(result.reason()).append(")");
                    }
                }
                blocked.put(source.image(), why.toString());
            }
        }
        return blocked;
    }
}
