package io.imagegraph.core.run;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.ImageStatus;
import io.imagegraph.core.gate.GateReport;
import io.imagegraph.core.gate.GateVerdict;
import io.imagegraph.core.promote.MoveStatus;
import io.imagegraph.core.promote.PromotionReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run in one line each for its build, tests and promotion, as the plugin's build page summary
 * and its step logs show it: "12 images: 3 built, 9 reused", "smoke tests passed: 4 images",
 * "promoted: 12 tags moved".
 */
public final class RunSummary {

    private RunSummary() {
    }

    /** The lines for what the run did so far. */
    public static List<String> lines(BuildReport build, Optional<GateReport> gate, Optional<PromotionReport> promotion) {
        List<String> lines = new ArrayList<>();
        lines.add(ofBuild(build));
        gate.map(RunSummary::ofGate).ifPresent(lines::add);
        promotion.map(RunSummary::ofPromotion).ifPresent(lines::add);
        return lines;
    }

    /** "12 images: 3 built, 9 reused" (statuses with no image left out; not selected images not counted). */
    public static String ofBuild(BuildReport build) {
        List<String> parts = new ArrayList<>();
        long counted = 0;
        for (ImageStatus status : ImageStatus.values()) {
            long count = build.count(status);
            if (status == ImageStatus.NOT_SELECTED || count == 0) {
                continue;
            }
            counted += count;
            parts.add(count + " " + status.id().replace('_', ' '));
        }
        return images(counted) + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
    }

    /** "smoke tests passed: 4 images" or "smoke tests failed: 1 of 4 images failed (keystone)". */
    public static String ofGate(GateReport gate) {
        Map<String, GateVerdict> verdicts = gate.verdicts();
        List<String> failed = verdicts.entrySet().stream().filter(e -> e.getValue() == GateVerdict.FAILED)
                .map(Map.Entry::getKey).toList();
        if (gate.passed()) {
            long untested = verdicts.values().stream().filter(v -> v == GateVerdict.UNTESTED).count();
            return "smoke tests passed: " + images(verdicts.size() - untested)
                    + (untested == 0 ? "" : ", " + untested + " untested");
        }
        return "smoke tests failed: " + failed.size() + " of " + images(verdicts.size()) + " failed"
                + (failed.isEmpty() ? "" : " (" + String.join(", ", failed) + ")");
    }

    /** "promoted: 12 tags moved, 2 unchanged", "promotion refused: …", "promotion failed: …". */
    public static String ofPromotion(PromotionReport promotion) {
        if (!promotion.refusals().isEmpty()) {
            return "promotion refused: " + String.join("; ", promotion.refusals());
        }
        List<String> parts = new ArrayList<>();
        for (MoveStatus status : MoveStatus.values()) {
            long count = promotion.count(status);
            if (count > 0) {
                parts.add(count + (count == 1 ? " tag " : " tags ") + status.id().replace('_', ' '));
            }
        }
        String counts = parts.isEmpty() ? "nothing to move" : String.join(", ", parts);
        if (!promotion.succeeded()) {
            return "promotion failed: " + counts + (promotion.failure() == null || promotion.failure().isEmpty() ? ""
                    : " (" + promotion.failure() + ")")
                    + (promotion.count(MoveStatus.PENDING) > 0 ? ". " + promotion.conclusion() : "");
        }
        return (promotion.dryRun() ? "promotion (dry run): " : "promoted: ") + counts;
    }

    private static String images(long count) {
        return count + (count == 1 ? " image" : " images");
    }
}
