package io.imagegraph.core.run;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.BuildReportReader;
import io.imagegraph.core.gate.GateReport;
import io.imagegraph.core.gate.GateReportJson;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.promote.PromotionReport;
import io.imagegraph.core.promote.PromotionReportJson;
import io.imagegraph.core.report.LineageHtml;
import io.imagegraph.core.report.LineageSvg;
import io.imagegraph.core.report.LineageView;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.track.ConfiguredHolds;
import io.imagegraph.core.track.HeldImages;
import io.imagegraph.core.track.Holds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A run's lineage drawn, as {@code imagegraph report} and the plugin's build page do it: the build
 * report with the test and promotion reports (given, or found beside it), the state's holds and
 * lineage, as a self-contained HTML page and an SVG picture.
 */
public final class LineageRun {

    /** The name of the page written beside the build report by default. */
    public static final String HTML_FILE = "lineage.html";
    /** The name of the picture, when written beside the build report. */
    public static final String SVG_FILE = "lineage.svg";

    /**
     * What to draw.
     *
     * @param buildReport     the run's build-report.json
     * @param testReport      its test-report.json; empty: the one beside the build report, if any
     * @param promotionReport its promotion-report.json; empty: the one beside the build report, if any
     * @param html            where the page goes; empty: {@value #HTML_FILE} beside the build report
     * @param svg             where the picture alone goes, if anywhere
     */
    public record Request(Path buildReport, Optional<Path> testReport, Optional<Path> promotionReport,
                          Optional<Path> html, Optional<Path> svg) {

        /** The page and the picture beside the build report, with the reports found there. */
        public static Request beside(Path buildReport) {
            return new Request(buildReport, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(buildReport.resolveSibling(SVG_FILE)));
        }
    }

    /**
     * What was drawn.
     *
     * @param view    the lineage
     * @param picture the SVG text
     * @param html    where the page was written
     * @param svg     where the picture was written, if it was
     */
    public record Outcome(LineageView view, String picture, Path html, Optional<Path> svg) {
    }

    private LineageRun() {
    }

    /** Draws the lineage of the run whose graph is {@code graph}, with the state folder's holds. */
    public static Outcome run(ImageGraph graph, Request request, StateDirectory state)
            throws RunRequestException, IOException {
        return run(graph, request, state, ConfiguredHolds.none());
    }

    /** Draws the lineage with the state folder's holds and those of the configuration. */
    public static Outcome run(ImageGraph graph, Request request, StateDirectory state, ConfiguredHolds configuredHolds)
            throws RunRequestException, IOException {
        BuildReport build;
        Optional<GateReport> gate = Optional.empty();
        Optional<PromotionReport> promotion = Optional.empty();
        Path current = request.buildReport();
        try {
            build = BuildReportReader.read(current);
            Optional<Path> tests = request.testReport().or(() -> beside(request.buildReport(), GateReportJson.FILE_NAME));
            if (tests.isPresent()) {
                current = tests.get();
                gate = Optional.of(GateReportJson.read(current));
            }
            Optional<Path> promoted = request.promotionReport()
                    .or(() -> beside(request.buildReport(), PromotionReportJson.FILE_NAME));
            if (promoted.isPresent()) {
                current = promoted.get();
                promotion = Optional.of(PromotionReportJson.read(current));
            }
        } catch (NoSuchFileException e) {
            throw new RunRequestException("the report " + current + " does not exist");
        } catch (IOException e) {
            throw new RunRequestException(e.getMessage());
        }
        List<LineageRecord> lineage = JsonLinesLineageStore.in(state).records();
        LineageView view = LineageView.of(graph, build, gate, promotion,
                HeldImages.of(configuredHolds.over(Holds.in(state).active()), lineage), lineage);
        String picture = LineageSvg.render(view);
        Path html = request.html().orElse(request.buildReport().resolveSibling(HTML_FILE));
        Files.writeString(html, LineageHtml.render(view, picture));
        if (request.svg().isPresent()) {
            Files.writeString(request.svg().get(), picture);
        }
        return new Outcome(view, picture, html, request.svg());
    }

    private static Optional<Path> beside(Path buildReport, String name) {
        Path file = buildReport.resolveSibling(name);
        return Files.exists(file) ? Optional.of(file) : Optional.empty();
    }
}
