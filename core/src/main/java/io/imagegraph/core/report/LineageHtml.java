package io.imagegraph.core.report;

import static io.imagegraph.core.report.LineageSvg.escape;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A run's lineage as one self-contained HTML page: the picture (the same SVG the Jenkins build
 * page shows) with zoom, a sortable table of the images, and each image's details — tags,
 * digests, the digests it was built on, duration, smoke tests, promotions, hold, and the end of
 * its build log. Styles and scripts are inline and nothing is fetched, so the page works from a
 * file, an archived build artifact or a mail attachment.
 */
public final class LineageHtml {

    private LineageHtml() {
    }

    public static String render(LineageView view) {
        return render(view, LineageSvg.render(view));
    }

    public static String render(LineageView view, String svg) {
        return render(view, svg, java.util.Map.of());
    }

    /**
     * The page with, per image, what checking its attestations found ({@code provenance}: image
     * name to a sentence such as "verified: signed provenance (sha256:…)" or "NOT verified: …").
     */
    public static String render(LineageView view, String svg, java.util.Map<String, String> provenance) {
        StringBuilder html = new StringBuilder(svg.length() * 2);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Image lineage of run ").append(escape(view.runId())).append("</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<header><h1>Image lineage of run <code>").append(escape(view.runId())).append("</code></h1>")
                .append("<p class=\"summary\">Started ").append(escape(view.started())).append(" · ")
                .append(counts(view)).append("</p></header>\n");
        html.append("<section aria-label=\"Lineage picture\"><div class=\"zoom\">")
                .append("<button type=\"button\" id=\"zoom-out\" aria-label=\"Zoom out\">−</button>")
                .append("<button type=\"button\" id=\"zoom-fit\">Fit</button>")
                .append("<button type=\"button\" id=\"zoom-in\" aria-label=\"Zoom in\">+</button>")
                .append("<span>Click an image for its details.</span></div>\n")
                .append("<div class=\"picture\" id=\"picture\">\n").append(svg).append("</div></section>\n");
        table(html, view);
        details(html, view, provenance);
        html.append("<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    private static String counts(LineageView view) {
        Map<NodeStatus, Integer> counts = new LinkedHashMap<>();
        for (ReportNode node : view.nodes()) {
            if (!node.isExternal()) {
                for (NodeStatus status : node.statuses()) {
                    counts.merge(status, 1, Integer::sum);
                }
            }
        }
        long images = view.nodes().stream().filter(n -> !n.isExternal()).count();
        return images + " images: " + counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    private static void table(StringBuilder html, LineageView view) {
        html.append("<section aria-label=\"Images\"><h2>Images</h2>\n<table id=\"images\">\n<thead><tr>")
                .append("<th data-sort=\"text\">Image</th><th data-sort=\"text\">Status</th>")
                .append("<th data-sort=\"text\">Digest</th><th data-sort=\"number\">Duration (s)</th>")
                .append("<th data-sort=\"text\">Tests</th><th data-sort=\"text\">Promoted to</th>")
                .append("<th data-sort=\"text\">Why</th></tr></thead>\n<tbody>\n");
        for (ReportNode node : view.nodes()) {
            if (node.isExternal()) {
                continue;
            }
            ImageDetails details = node.details();
            String tests = details.tests().isEmpty() ? "—" : details.tests().stream()
                    .map(t -> t.test() + ": " + t.status()).collect(Collectors.joining(", "));
            String promoted = details.promotions().stream().map(p -> p.reference() + " (" + p.status() + ")")
                    .collect(Collectors.joining(", "));
            html.append("<tr data-node=\"").append(escape(node.id())).append("\" class=\"status-")
                    .append(node.primary().id().replace('_', '-')).append("\"><td><a href=\"#image-")
                    .append(escape(node.id())).append("\">").append(escape(node.label())).append("</a></td><td>")
                    .append(node.statuses().stream().map(NodeStatus::toString).collect(Collectors.joining(" · ")))
                    .append("</td><td><code>").append(escape(node.shortDigest())).append("</code></td><td>")
                    .append(String.format(java.util.Locale.ROOT, "%.1f", details.durationMillis() / 1000.0))
                    .append("</td><td>").append(escape(tests)).append("</td><td>")
                    .append(escape(promoted.isEmpty() ? "—" : promoted)).append("</td><td>")
                    .append(escape(details.hold().isEmpty() ? details.reason() : details.hold()))
                    .append("</td></tr>\n");
        }
        html.append("</tbody></table></section>\n");
    }

    private static void details(StringBuilder html, LineageView view, java.util.Map<String, String> provenance) {
        html.append("<section aria-label=\"Details\"><h2>Details</h2>\n");
        for (ReportNode node : view.nodes()) {
            ImageDetails details = node.details();
            html.append("<details id=\"image-").append(escape(node.id())).append("\"><summary>")
                    .append(escape(node.isExternal() ? details.repository() : node.label())).append(" — ")
                    .append(node.statuses().stream().map(NodeStatus::toString).collect(Collectors.joining(" · ")))
                    .append("</summary><dl>");
            row(html, "Repository", details.repository());
            row(html, "Digest", node.digest().orElse(""));
            row(html, "Image ID", details.imageId());
            row(html, "Input digest", details.inputDigest());
            row(html, "Tags", String.join("\n", details.tags()));
            row(html, "Built on", details.bases().entrySet().stream()
                    .map(e -> e.getKey() + (e.getValue().isEmpty() ? "" : " @ " + e.getValue()))
                    .collect(Collectors.joining("\n")));
            if (!node.isExternal()) {
                row(html, "Duration", String.format(java.util.Locale.ROOT, "%.1f s", details.durationMillis() / 1000.0));
            }
            row(html, "Why", details.reason());
            row(html, "Held", details.hold());
            row(html, "Attestation", provenance.getOrDefault(node.id(), ""));
            row(html, "Smoke tests", details.tests().stream().map(t -> t.test() + ": " + t.status() + " in "
                    + t.durationMillis() + " ms" + (t.outputTail().isBlank() ? "" : "\n" + t.outputTail().strip()))
                    .collect(Collectors.joining("\n\n")));
            row(html, "Promotions", details.promotions().stream().map(p -> p.reference() + ": "
                    + (p.before().isEmpty() ? "(new)" : p.before()) + " → " + p.after() + " (" + p.status() + ")")
                    .collect(Collectors.joining("\n")));
            html.append("</dl>");
            if (!details.logTail().isEmpty()) {
                html.append("<p>End of the build log:</p><pre class=\"log\">").append(escape(details.logTail()))
                        .append("</pre>");
            }
            html.append("</details>\n");
        }
        html.append("</section>\n");
    }

    private static void row(StringBuilder html, String label, String value) {
        if (value != null && !value.isBlank()) {
            html.append("<dt>").append(label).append("</dt><dd>").append(escape(value)).append("</dd>");
        }
    }

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0 24px 48px;color:#212121}
            h1{font-size:20px;margin:20px 0 4px}h2{font-size:16px;margin:28px 0 8px}
            .summary{color:#555;margin:0 0 12px}
            .zoom{display:flex;gap:6px;align-items:center;margin:8px 0}.zoom span{color:#777;font-size:13px}
            .zoom button{min-width:34px;padding:3px 8px}
            .picture{overflow:auto;border:1px solid #ddd;border-radius:6px;max-height:70vh;background:#fff}
            .picture .node{cursor:pointer}.picture .node:hover rect{stroke-width:3}
            table{border-collapse:collapse;width:100%;font-size:13px}
            th,td{border-bottom:1px solid #e0e0e0;padding:5px 8px;text-align:left;vertical-align:top}
            th{cursor:pointer;background:#fafafa;position:sticky;top:0;user-select:none}
            th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
            tr.status-failed td:nth-child(2),tr.status-held td:nth-child(2),tr.status-gated td:nth-child(2){color:#b71c1c;font-weight:600}
            details{border:1px solid #e0e0e0;border-radius:6px;margin:6px 0;padding:4px 10px}
            details[open]{background:#fcfcfc}summary{cursor:pointer;font-weight:600}
            dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;margin:8px 0}
            dt{color:#666}dd{margin:0;white-space:pre-wrap;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
            pre.log{background:#263238;color:#eceff1;padding:8px;border-radius:4px;overflow:auto;max-height:320px;font-size:12px}
            """;

    private static final String SCRIPT = """
            (function () {
              var svg = document.querySelector('#picture svg');
              var width = parseFloat(svg.getAttribute('width'));
              var height = parseFloat(svg.getAttribute('height'));
              var scale = 1;
              function zoom(to) {
                scale = Math.max(0.1, Math.min(3, to));
                svg.setAttribute('width', width * scale);
                svg.setAttribute('height', height * scale);
              }
              document.getElementById('zoom-in').addEventListener('click', function () { zoom(scale * 1.25); });
              document.getElementById('zoom-out').addEventListener('click', function () { zoom(scale / 1.25); });
              document.getElementById('zoom-fit').addEventListener('click', function () {
                zoom(document.getElementById('picture').clientWidth / width);
              });
              document.querySelectorAll('#picture .node').forEach(function (node) {
                node.addEventListener('click', function () {
                  var details = document.getElementById('image-' + node.getAttribute('data-node'));
                  if (details) { details.open = true; details.scrollIntoView(); }
                });
              });
              var table = document.getElementById('images');
              table.querySelectorAll('th').forEach(function (header, column) {
                header.addEventListener('click', function () {
                  var ascending = header.getAttribute('aria-sort') !== 'ascending';
                  table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
                  header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
                  var numeric = header.getAttribute('data-sort') === 'number';
                  var body = table.tBodies[0];
                  var rows = Array.prototype.slice.call(body.rows);
                  rows.sort(function (a, b) {
                    var x = a.cells[column].textContent, y = b.cells[column].textContent;
                    var order = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
                    return ascending ? order : -order;
                  });
                  rows.forEach(function (row) { body.appendChild(row); });
                });
              });
            })();
            """;
}
