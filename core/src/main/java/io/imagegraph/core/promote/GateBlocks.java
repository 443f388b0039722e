package io.imagegraph.core.promote;

import io.imagegraph.core.gate.GateReport;
import io.imagegraph.core.gate.GateVerdict;
import io.imagegraph.core.gate.SmokeResult;
import io.imagegraph.core.gate.SmokeStatus;
import io.imagegraph.core.gate.TestedImage;
import io.imagegraph.core.lineage.LineageRecord;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The images the smoke-test gate keeps from promotion, one rule for {@code imagegraph promote}
 * and the {@code promoteImages} step: an image is promoted when its own tests passed at the digest
 * to promote, or when it has no test of its own and an image built on its exact digest (a child,
 * at any depth, per the lineage) passed at its own digest. Any other untested image needs
 * {@code allowUntested}; so does every image when the run has no test report. A failed test, a
 * test at another digest and an image missing from the test report are never allowed.
 */
public final class GateBlocks {

    /** How the untested are let through, in words for the refusal: "--allow-untested". */
    public static final String ALLOW = "--allow-untested (allowUntested: true in the promoteImages step)";

    private GateBlocks() {
    }

    /**
     * @param gate          the run's test report, when it has one
     * @param noGate        why there is none, in words, for the refusal
     * @param lineage       the lineage records, to find what was built on what
     * @param allowUntested let untested images through (never failed ones)
     */
    public static Map<String, String> of(Optional<GateReport> gate, String noGate, List<PromotionSource> sources,
                                         List<LineageRecord> lineage, boolean allowUntested) {
        Map<String, String> blocked = new LinkedHashMap<>();
        if (gate.isEmpty()) {
            if (!allowUntested) {
                sources.forEach(source -> blocked.put(source.image(), "it was not smoke-tested (" + noGate
                        + "); test the run first, or give " + ALLOW));
            }
            return blocked;
        }
        Map<String, GateVerdict> verdicts = gate.get().verdicts();
        for (PromotionSource source : sources) {
            Optional<TestedImage> tested = gate.get().images().stream().filter(i -> i.image().equals(source.image()))
                    .findFirst();
            if (tested.isEmpty()) {
                blocked.put(source.image(), "the test report (run " + gate.get().runId() + ") did not test it");
            } else if (!testedAt(tested.get(), source)) {
                blocked.put(source.image(), "its tests ran against " + tested.get().reference() + ", not "
                        + source.tested());
            } else if (verdicts.get(source.image()) == GateVerdict.FAILED) {
                blocked.put(source.image(), failed(gate.get(), source.image()));
            } else if (verdicts.get(source.image()) == GateVerdict.UNTESTED && !allowUntested
                    && !coveredByDescendant(source, gate.get(), verdicts, sources, lineage)) {
                blocked.put(source.image(), "it has no smoke test of its own and no image built on its digest "
                        + source.tested().shortForm() + " passed its tests; add a test, or give " + ALLOW);
            }
        }
        return blocked;
    }

    private static boolean testedAt(TestedImage tested, PromotionSource source) {
        return tested.digest().map(d -> d.equals(source.tested().toString())).orElse(false);
    }

    private static String failed(GateReport gate, String image) {
        StringBuilder why = new StringBuilder("it failed its smoke tests:");
        for (SmokeResult result : gate.results()) {
            if (result.images().contains(image) && result.status() != SmokeStatus.PASSED) {
                why.append(' ').append(result.test()).append(" ").append(result.status()).append(" (")
                        .append(result.reason()).append(")");
            }
        }
        return why.toString();
    }

    /** Whether an image that passed, at the digest to promote, was built on this one's exact digest. */
    private static boolean coveredByDescendant(PromotionSource untested, GateReport gate, Map<String, GateVerdict> verdicts,
                                               List<PromotionSource> sources, List<LineageRecord> lineage) {
        for (PromotionSource candidate : sources) {
            if (candidate.image().equals(untested.image()) || verdicts.get(candidate.image()) != GateVerdict.PASSED) {
                continue;
            }
            boolean testedThere = gate.images().stream().anyMatch(i -> i.image().equals(candidate.image())
                    && testedAt(i, candidate));
            if (testedThere && builtOn(candidate.image(), candidate.tested().toString(), untested, lineage, new HashSet<>())) {
                return true;
            }
        }
        return false;
    }

    private static boolean builtOn(String image, String digest, PromotionSource ancestor, List<LineageRecord> lineage,
                                   Set<String> seen) {
        if (!seen.add(image + "@" + digest)) {
            return false;
        }
        for (LineageRecord record : lineage) {
            if (!record.image().equals(image) || !digest.equals(record.digest())) {
                continue;
            }
            for (LineageRecord.ParentDigest parent : record.parents()) {
                if (parent.digest() == null) {
                    continue;
                }
                if (parent.name().equals(ancestor.image()) && parent.digest().equals(ancestor.tested().toString())
                        || builtOn(parent.name(), parent.digest(), ancestor, lineage, seen)) {
                    return true;
                }
            }
        }
        return false;
    }
}
