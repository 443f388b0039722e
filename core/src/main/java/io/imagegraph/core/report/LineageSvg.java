package io.imagegraph.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A lineage picture as standalone SVG: each image a box with its name, short digest and statuses
 * in words, coloured by its most telling status; external bases as dashed grey boxes; an arrow
 * from each parent or base to each child; a legend. Every node carries {@code data-node},
 * {@code data-status} and a {@code <title>} tooltip, so pages and tests can find it. Plain SVG 1.1
 * with its styles inside: it draws the same in a browser, the Jenkins build page or a file viewer.
 */
public final class LineageSvg {

    private LineageSvg() {
    }

    /** Fill and stroke of each status. */
    private record Colours(String fill, String stroke) {
    }

    static Colours colours(NodeStatus status) {
        return switch (status) {
            case HELD -> new Colours("#f3e5f5", "#7b1fa2");
            case FAILED -> new Colours("#ffebee", "#c62828");
            case PARENT_FAILED -> new Colours("#fff3e0", "#ef6c00");
            case CANCELLED -> new Colours("#eceff1", "#546e7a");
            case GATED -> new Colours("#fce4ec", "#ad1457");
            case PROMOTED -> new Colours("#e3f2fd", "#1565c0");
            case BUILT -> new Colours("#e8f5e9", "#2e7d32");
            case REUSED -> new Colours("#f1f8e9", "#689f38");
            case NOT_SELECTED -> new Colours("#fafafa", "#9e9e9e");
            case EXTERNAL -> new Colours("#f5f5f5", "#757575");
        };
    }

    /** The text lines of a node, top to bottom: name, short digest (if any), statuses. */
    static List<String> lines(ReportNode node) {
        List<String> lines = new ArrayList<>();
        lines.add(node.label());
        if (!node.shortDigest().isEmpty()) {
            lines.add(node.shortDigest());
        }
        lines.add(node.statuses().stream().map(NodeStatus::toString).collect(Collectors.joining(" · ")));
        return lines;
    }

    public static String render(LineageView view) {
        return render(view, LineageLayout.layout(view));
    }

    public static String render(LineageView view, LineageLayout.Drawing drawing) {
        double legendHeight = 30;
        double width = Math.max(drawing.width(), legendWidth() + 40);
        double height = drawing.height() + legendHeight;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"imagegraph-lineage\" width=\"").append(n(width))
                .append("\" height=\"").append(n(height)).append("\" viewBox=\"0 0 ").append(n(width)).append(' ')
                .append(n(height)).append("\" role=\"img\" aria-label=\"Image lineage of run ")
                .append(escape(view.runId())).append("\">\n");
        svg.append("<title>Image lineage of run ").append(escape(view.runId())).append("</title>\n");
        svg.append("<style>text{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;fill:#212121}"
                + ".name{font-weight:bold}.edge{fill:none;stroke:#90a4ae;stroke-width:1.4}"
                + ".external rect{stroke-dasharray:5 3}</style>\n");
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\""
                + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#90a4ae\"/>"
                + "</marker></defs>\n");
        svg.append("<g class=\"edges\">\n");
        for (LineageLayout.Route route : drawing.routes()) {
            svg.append("<path class=\"edge\" data-from=\"").append(escape(route.from())).append("\" data-to=\"")
                    .append(escape(route.to())).append("\" marker-end=\"url(#arrow)\" d=\"");
            for (int i = 0; i < route.points().size(); i++) {
                double[] point = route.points().get(i);
                svg.append(i == 0 ? "M" : " L").append(n(point[0])).append(',').append(n(point[1]));
            }
            svg.append("\"/>\n");
        }
        svg.append("</g>\n<g class=\"nodes\">\n");
        for (ReportNode node : view.nodes()) {
            LineageLayout.Box box = drawing.boxes().get(node.id());
            Colours colours = colours(node.primary());
            String statuses = node.statuses().stream().map(NodeStatus::id).collect(Collectors.joining(" "));
            svg.append("<g class=\"node").append(node.isExternal() ? " external" : "").append(" status-")
                    .append(node.primary().id().replace('_', '-')).append("\" data-node=\"").append(escape(node.id()))
                    .append("\" data-status=\"").append(statuses).append("\" transform=\"translate(")
                    .append(n(box.x())).append(',').append(n(box.y())).append(")\">");
            svg.append("<title>").append(escape(tooltip(node))).append("</title>");
            svg.append("<rect width=\"").append(n(box.width())).append("\" height=\"").append(n(box.height()))
                    .append("\" rx=\"6\" fill=\"").append(colours.fill()).append("\" stroke=\"")
                    .append(colours.stroke()).append("\" stroke-width=\"").append(node.isExternal() ? "1.2" : "2")
                    .append("\"/>");
            List<String> lines = lines(node);
            for (int i = 0; i < lines.size(); i++) {
                String css = i == 0 ? "name" : i == lines.size() - 1 ? "status" : "digest";
                svg.append("<text class=\"").append(css).append("\" x=\"").append(n(LineageLayout.PADDING))
                        .append("\" y=\"").append(n(LineageLayout.PADDING + 12 + i * LineageLayout.LINE_HEIGHT))
                        .append('"').append(i == lines.size() - 1 ? " fill=\"" + colours.stroke() + "\"" : "")
                        .append('>').append(escape(lines.get(i))).append("</text>");
            }
            svg.append("</g>\n");
        }
        svg.append("</g>\n");
        legend(svg, drawing.height() + 6);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void legend(StringBuilder svg, double y) {
        svg.append("<g class=\"legend\" transform=\"translate(20,").append(n(y)).append(")\">");
        double x = 0;
        for (NodeStatus status : NodeStatus.values()) {
            Colours colours = colours(status);
            svg.append("<rect x=\"").append(n(x)).append("\" y=\"0\" width=\"12\" height=\"12\" rx=\"2\" fill=\"")
                    .append(colours.fill()).append("\" stroke=\"").append(colours.stroke()).append("\"/>");
            svg.append("<text x=\"").append(n(x + 16)).append("\" y=\"10\">").append(status).append("</text>");
            x += 24 + status.toString().length() * LineageLayout.CHARACTER_WIDTH;
        }
        svg.append("</g>\n");
    }

    private static double legendWidth() {
        double width = 0;
        for (NodeStatus status : NodeStatus.values()) {
            width += 24 + status.toString().length() * LineageLayout.CHARACTER_WIDTH;
        }
        return width;
    }

    private static String tooltip(ReportNode node) {
        StringBuilder text = new StringBuilder(node.isExternal() ? node.details().repository() : node.label());
        node.digest().ifPresent(d -> text.append('\n').append(d));
        text.append('\n').append(node.statuses().stream().map(NodeStatus::toString).collect(Collectors.joining(", ")));
        if (!node.details().hold().isEmpty()) {
            text.append('\n').append(node.details().hold());
        }
        if (!node.details().reason().isEmpty()) {
            text.append('\n').append(node.details().reason());
        }
        return text.toString();
    }

    /** A coordinate with at most one decimal, as SVG takes it. */
    static String n(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    /** Text made safe for XML content and attributes. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
