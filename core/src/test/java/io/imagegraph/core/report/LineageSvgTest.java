package io.imagegraph.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.track.HeldImages;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class LineageSvgTest {

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    @Test
    void render_isWellFormedSvg_withANodePerImageAndBase_andAnEdgePerDependency(@TempDir Path dir) throws Exception {
        LineageView view = LineageView.of(ReportFixtures.family(dir), ReportFixtures.familyRun(), Optional.empty(),
                Optional.empty(), HeldImages.of(Map.of(), List.of()), List.of());
        Document svg = parse(LineageSvg.render(view));
        assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
        NodeList groups = svg.getElementsByTagName("g");
        int nodes = 0;
        for (int i = 0; i < groups.getLength(); i++) {
            Element group = (Element) groups.item(i);
            if (group.hasAttribute("data-node")) {
                nodes++;
                if (group.getAttribute("data-node").equals("worker")) {
                    assertThat(group.getAttribute("data-status")).isEqualTo("failed");
                    assertThat(group.getAttribute("class")).contains("status-failed");
                    assertThat(group.getTextContent()).contains("worker").contains("failed");
                }
                if (group.getAttribute("data-node").equals("api")) {
                    assertThat(group.getTextContent()).contains("0000000000000002").contains("built");
                }
            }
        }
        assertThat(nodes).isEqualTo(6);
        assertThat(svg.getElementsByTagName("path").getLength()).as("4 edges and the arrow head").isEqualTo(5);
    }

    @Test
    void escape_makesNamesAndReasonsSafe() {
        assertThat(LineageSvg.escape("<script>&\"'")).isEqualTo("&lt;script&gt;&amp;&quot;&#39;");
        assertThat(LineageSvg.n(12.0)).isEqualTo("12");
        assertThat(LineageSvg.n(12.345)).isEqualTo("12.3");
    }
}
