package io.imagegraph.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.gate.GateReport;
import io.imagegraph.core.gate.SmokeResult;
import io.imagegraph.core.gate.SmokeStatus;
import io.imagegraph.core.gate.TestedImage;
import io.imagegraph.core.testing.HeadlessChromium;
import io.imagegraph.core.track.HeldImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report in a real browser: Debian's headless Chromium through chromedriver. */
class LineageHtmlTest {

    private static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() throws Exception {
        browser.close();
    }

    private static Path page(Path dir, LineageView view) throws Exception {
        return Files.writeString(dir.resolve("report.html"), LineageHtml.render(view));
    }

    private static LineageView familyView(Path dir) {
        GateReport gate = new GateReport("run-7", List.of(new TestedImage("web", "ref", Optional.empty())), List.of(
                new SmokeResult("web/http", List.of("web"), SmokeStatus.FAILED, 1, Duration.ofMillis(90), "HTTP 500",
                        "exit code 1")));
        return LineageView.of(ReportFixtures.family(dir), ReportFixtures.familyRun(), Optional.of(gate),
                Optional.empty(), HeldImages.of(Map.of(), List.of()), List.of());
    }

    @Test
    void report_showsEveryNodeEdgeAndStatus_andFetchesNothing(@TempDir Path dir) throws Exception {
        browser.open(page(dir, familyView(dir)).toUri().toString());
        List<String> nodes = browser.findAll("#picture g.node");
        assertThat(nodes).hasSize(6);
        String worker = browser.findAll("#picture g.node[data-node=worker]").get(0);
        assertThat(browser.attribute(worker, "data-status")).isEqualTo("failed");
        assertThat(browser.text(worker)).contains("worker").contains("failed");
        assertThat(browser.attribute(browser.findAll("#picture g.node[data-node=web]").get(0), "data-status"))
                .isEqualTo("gated built");
        assertThat(browser.findAll("#picture path.edge")).hasSize(4);
        assertThat(browser.findAll("#picture path.edge[data-from=base][data-to=api]")).hasSize(1);
        assertThat(browser.findAll("#images tbody tr")).hasSize(5);
        assertThat(browser.script("return performance.getEntriesByType('resource').length").asInt())
                .as("resources fetched by the page").isZero();
        // every node box is inside the drawing and no two overlap, as the browser lays them out
        assertThat(browser.script("""
                var boxes = Array.from(document.querySelectorAll('#picture g.node rect')).map(r => r.getBoundingClientRect());
                for (var i = 0; i < boxes.length; i++) for (var j = i + 1; j < boxes.length; j++) {
                  var a = boxes[i], b = boxes[j];
                  if (a.right > b.left && b.right > a.left && a.bottom > b.top && b.bottom > a.top) return false;
                }
                return boxes.length;""").asInt()).isEqualTo(6);
        browser.screenshot(Path.of("target", "screenshots", "lineage-report.png"));
    }

    @Test
    void clickingAColumnHeader_sortsTheTable_andClickingANode_opensItsDetails(@TempDir Path dir) throws Exception {
        browser.open(page(dir, familyView(dir)).toUri().toString());
        String durationHeader = browser.findAll("#images th").get(3);
        browser.click(durationHeader);
        assertThat(firstColumn()).containsExactly("worker", "base", "api", "web", "lonely");
        browser.click(durationHeader);
        assertThat(firstColumn()).containsExactly("lonely", "web", "api", "base", "worker");
        browser.click(browser.findAll("#picture g.node[data-node=web] text.name").get(0));
        assertThat(browser.script("return document.getElementById('image-web').open").asBoolean()).isTrue();
        assertThat(browser.text(browser.findAll("#image-web").get(0))).contains("web/http: failed").contains("HTTP 500");
    }

    private static List<String> firstColumn() throws Exception {
        List<String> names = new java.util.ArrayList<>();
        for (String cell : browser.findAll("#images tbody tr td:first-child")) {
            names.add(browser.text(cell));
        }
        return names;
    }

    @Test
    void twoHundredFiftyImages_allDrawnAndListed(@TempDir Path dir) throws Exception {
        var graph = ReportFixtures.wide(dir, 250, 25);
        LineageView view = LineageView.of(graph, ReportFixtures.allBuilt(graph), Optional.empty(), Optional.empty(),
                HeldImages.of(Map.of(), List.of()), List.of());
        browser.open(page(dir, view).toUri().toString());
        assertThat(browser.script("return document.querySelectorAll('#picture g.node').length").asInt()).isEqualTo(250);
        assertThat(browser.script("return document.querySelectorAll('#images tbody tr').length").asInt()).isEqualTo(250);
        browser.click(browser.findAll("#zoom-fit").get(0));
        browser.screenshot(Path.of("target", "screenshots", "lineage-250.png"));
    }
}
