package io.imagegraph.core.report;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.ImageResult;
import io.imagegraph.core.build.ImageStatus;
import io.imagegraph.core.gate.GateReport;
import io.imagegraph.core.gate.GateVerdict;
import io.imagegraph.core.gate.SmokeResult;
import io.imagegraph.core.graph.ExternalBase;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.promote.MoveResult;
import io.imagegraph.core.promote.MoveStatus;
import io.imagegraph.core.promote.PromotionReport;
import io.imagegraph.core.ref.ImageRef;
import io.imagegraph.core.track.HeldImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run's lineage as a picture to draw: every image of the run with its statuses (built, reused,
 * failed, parent failed, gated, promoted, held), every external base it was built on (with the
 * digest the run pinned it to), and an edge from each parent or base to each child.
 *
 * @param runId   the run
 * @param started when it started (ISO-8601)
 * @param nodes   images in dependency order, then external bases
 * @param edges   parent → child, by node id
 */
public record LineageView(String runId, String started, List<ReportNode> nodes, List<Edge> edges) {

    private static final int LOG_LINES = 30;

    /** Parent (or base) → child. */
    public record Edge(String from, String to) {
    }

    public LineageView {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    public Optional<ReportNode> node(String id) {
        return nodes.stream().filter(node -> node.id().equals(id)).findFirst();
    }

    /**
     * @param graph     the graph the run built (for edges and external bases)
     * @param build     the run's report
     * @param gate      its smoke tests, when they ran
     * @param promotion its promotion, when there was one
     * @param held      what the holds block
     * @param lineage   lineage records; the run's own say which digest each external base was pinned to
     */
    public static LineageView of(ImageGraph graph, BuildReport build, Optional<GateReport> gate,
                                 Optional<PromotionReport> promotion, HeldImages held, List<LineageRecord> lineage) {
        Map<String, LineageRecord> recorded = new LinkedHashMap<>();
        lineage.stream().filter(record -> record.runId().equals(build.runId()))
                .forEach(record -> recorded.put(record.image(), record));
        Map<String, GateVerdict> verdicts = gate.map(GateReport::verdicts).orElse(Map.of());
        Map<String, ReportNode> externals = new LinkedHashMap<>();
        List<ReportNode> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (ImageResult result : build.images()) {
            boolean known = graph.nodes().containsKey(result.name());
            Map<String, String> bases = new LinkedHashMap<>();
            if (known) {
                for (String parent : graph.node(result.name()).parents()) {
                    edges.add(new Edge(parent, result.name()));
                    bases.put(parent, build.images().stream().filter(r -> r.name().equals(parent)).findFirst()
                            .flatMap(ImageResult::identity).orElse(""));
                }
                List<String> pinned = Optional.ofNullable(recorded.get(result.name()))
                        .map(LineageRecord::externalBases).orElse(List.of());
                for (ExternalBase base : graph.node(result.name()).externalBases()) {
                    String reference = pinned.stream().filter(p -> samePlace(p, base.ref())).findFirst()
                            .orElse(base.ref().toString());
                    String id = "external:" + reference;
                    externals.computeIfAbsent(id, key -> externalNode(id, reference, held));
                    edges.add(new Edge(id, result.name()));
                    bases.put(base.ref().toString(), ImageRef.parse(reference).digest().map(Object::toString).orElse(""));
                }
            }
            nodes.add(imageNode(result, bases, verdicts, gate, promotion, held));
        }
        nodes.addAll(externals.values());
        return new LineageView(build.runId(), build.started().toString(), nodes, edges);
    }

    /** The recorded (pinned) form of a base: the same repository, whatever tag a policy chose. */
    private static boolean samePlace(String recorded, ImageRef base) {
        return ImageRef.parse(recorded).name().equals(base.name());
    }

    private static ReportNode externalNode(String id, String reference, HeldImages held) {
        List<NodeStatus> statuses = new ArrayList<>();
        ImageRef ref = ImageRef.parse(reference);
        Optional<String> digest = ref.digest().map(Object::toString);
        String hold = digest.flatMap(held::blocking).map(HeldImages.Blocked::reason).orElse("");
        if (!hold.isEmpty()) {
            statuses.add(NodeStatus.HELD);
        }
        statuses.add(NodeStatus.EXTERNAL);
        String label = ref.name() + ref.tag().map(tag -> ":" + tag).orElse("");
        ImageDetails details = ImageDetails.ofExternal(reference);
        if (!hold.isEmpty()) {
            details = new ImageDetails(reference, List.of(), "", "", Map.of(), 0, details.reason(), List.of(), List.of(),
                    hold, "");
        }
        return new ReportNode(id, label, digest, statuses, details);
    }

    private static ReportNode imageNode(ImageResult result, Map<String, String> bases, Map<String, GateVerdict> verdicts,
                                        Optional<GateReport> gate, Optional<PromotionReport> promotion, HeldImages held) {
        List<NodeStatus> statuses = new ArrayList<>();
        String hold = result.identity().flatMap(held::blocking).map(HeldImages.Blocked::reason).orElse("");
        if (!hold.isEmpty()) {
            statuses.add(NodeStatus.HELD);
        }
        switch (result.status()) {
            case FAILED -> statuses.add(NodeStatus.FAILED);
            case PARENT_FAILED -> statuses.add(NodeStatus.PARENT_FAILED);
            case CANCELLED -> statuses.add(NodeStatus.CANCELLED);
            default -> {
            }
        }
        if (verdicts.get(result.name()) == GateVerdict.FAILED) {
            statuses.add(NodeStatus.GATED);
        }
        List<ImageDetails.PromotionLine> promotions = new ArrayList<>();
        for (MoveResult move : promotion.map(PromotionReport::moves).orElse(List.of())) {
            if (move.image().equals(result.name())) {
                promotions.add(new ImageDetails.PromotionLine(move.to() + ":" + move.tag(),
                        move.before().map(Object::toString).orElse(""), move.after().toString(), move.status().id()));
            }
        }
        if (promotions.stream().anyMatch(p -> p.status().equals(MoveStatus.MOVED.id())
                || p.status().equals(MoveStatus.UNCHANGED.id()))) {
            statuses.add(NodeStatus.PROMOTED);
        }
        if (result.status() == ImageStatus.BUILT) {
            statuses.add(NodeStatus.BUILT);
        } else if (result.status() == ImageStatus.REUSED || result.status() == ImageStatus.UNCHANGED) {
            statuses.add(NodeStatus.REUSED);
        } else if (result.status() == ImageStatus.NOT_SELECTED) {
            statuses.add(NodeStatus.NOT_SELECTED);
        }
        List<ImageDetails.TestLine> tests = new ArrayList<>();
        for (SmokeResult test : gate.map(GateReport::results).orElse(List.of())) {
            if (test.images().contains(result.name())) {
                tests.add(new ImageDetails.TestLine(test.test(), test.status().id(), test.duration().toMillis(),
                        test.outputTail()));
            }
        }
        String repository = result.tags().stream().map(ImageRef::parse).map(ImageRef::name).findFirst().orElse("");
        ImageDetails details = new ImageDetails(repository, result.tags(), result.imageId().orElse(""),
                result.inputDigest(), bases, result.duration().toMillis(), result.reason(), tests, promotions, hold,
                result.logFile().map(LineageView::logTail).orElse(""));
        return new ReportNode(result.name(), result.name(), result.identity(), statuses, details);
    }

    /** The last lines of a build log; empty when it is gone. */
    private static String logTail(String file) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
