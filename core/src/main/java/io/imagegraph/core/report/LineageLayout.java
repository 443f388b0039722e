package io.imagegraph.core.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.NodePlacementStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Where each node and edge of a lineage picture goes: a layered drawing, parents above children,
 * computed by the Eclipse Layout Kernel's layered algorithm (Sugiyama's method: layering, crossing
 * minimisation, node placement, orthogonal edge routing). Node sizes follow their text, so no
 * two nodes overlap whatever their names.
 */
public final class LineageLayout {

    /** Width of a character of the picture's font, in pixels, for sizing nodes by their text. */
    static final double CHARACTER_WIDTH = 7.4;
    static final double LINE_HEIGHT = 16;
    static final double PADDING = 10;

    /** A node's box. */
    public record Box(double x, double y, double width, double height) {
    }

    /** An edge as a polyline, from the parent's bottom to the child's top. */
    public record Route(String from, String to, List<double[]> points) {
    }

    /** The whole drawing. */
    public record Drawing(double width, double height, Map<String, Box> boxes, List<Route> routes) {
    }

    private static volatile boolean registered;

    private LineageLayout() {
    }

    public static Drawing layout(LineageView view) {
        register();
        ElkNode graph = ElkGraphUtil.createGraph();
        graph.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        graph.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        graph.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        graph.setProperty(LayeredOptions.SPACING_NODE_NODE, 24.0);
        graph.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 40.0);
        graph.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 16.0);
        graph.setProperty(CoreOptions.PADDING, new org.eclipse.elk.core.math.ElkPadding(20));
        // Network simplex places a wide graph about half as wide as the default (Brandes-Köpf) does.
        graph.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, NodePlacementStrategy.NETWORK_SIMPLEX);
        Map<String, ElkNode> nodes = new HashMap<>();
        for (ReportNode node : view.nodes()) {
            ElkNode elk = ElkGraphUtil.createNode(graph);
            elk.setIdentifier(node.id());
            List<String> lines = LineageSvg.lines(node);
            int longest = lines.stream().mapToInt(String::length).max().orElse(8);
            elk.setWidth(Math.max(120, longest * CHARACTER_WIDTH + 2 * PADDING));
            elk.setHeight(lines.size() * LINE_HEIGHT + 2 * PADDING - 4);
            nodes.put(node.id(), elk);
        }
        List<ElkEdge> edges = new ArrayList<>();
        List<LineageView.Edge> drawn = new ArrayList<>();
        for (LineageView.Edge edge : view.edges()) {
            if (nodes.containsKey(edge.from()) && nodes.containsKey(edge.to())) {
                edges.add(ElkGraphUtil.createSimpleEdge(nodes.get(edge.from()), nodes.get(edge.to())));
                drawn.add(edge);
            }
        }
        new RecursiveGraphLayoutEngine().layout(graph, new BasicProgressMonitor());
        Map<String, Box> boxes = new HashMap<>();
        nodes.forEach((id, elk) -> boxes.put(id, new Box(elk.getX(), elk.getY(), elk.getWidth(), elk.getHeight())));
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < edges.size(); i++) {
            List<double[]> points = new ArrayList<>();
            for (ElkEdgeSection section : edges.get(i).getSections()) {
                points.add(new double[] {section.getStartX(), section.getStartY()});
                for (ElkBendPoint bend : section.getBendPoints()) {
                    points.add(new double[] {bend.getX(), bend.getY()});
                }
                points.add(new double[] {section.getEndX(), section.getEndY()});
            }
            routes.add(new Route(drawn.get(i).from(), drawn.get(i).to(), points));
        }
        return new Drawing(graph.getWidth(), graph.getHeight(), boxes, routes);
    }

    /** ELK finds its algorithms through a registry; outside Eclipse it is filled by hand, once. */
    private static void register() {
        if (!registered) {
            synchronized (LineageLayout.class) {
                if (!registered) {
                    LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
                    registered = true;
                }
            }
        }
    }
}
