package io.imagegraph.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.track.HeldImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageLayoutTest {

    private static LineageView view(ImageGraph graph) {
        return LineageView.of(graph, ReportFixtures.allBuilt(graph), Optional.empty(), Optional.empty(),
                HeldImages.of(Map.of(), List.of()), List.of());
    }

    private static void assertNoOverlap(LineageLayout.Drawing drawing) {
        List<LineageLayout.Box> boxes = new ArrayList<>(drawing.boxes().values());
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                LineageLayout.Box a = boxes.get(i);
                LineageLayout.Box b = boxes.get(j);
                boolean apart = a.x() + a.width() <= b.x() || b.x() + b.width() <= a.x()
                        || a.y() + a.height() <= b.y() || b.y() + b.height() <= a.y();
                assertThat(apart).as("%s and %s overlap", a, b).isTrue();
            }
        }
    }

    @Test
    void parentsAreAboveTheirChildren_andNoNodesOverlap(@TempDir Path dir) {
        ImageGraph graph = ReportFixtures.family(dir);
        LineageLayout.Drawing drawing = LineageLayout.layout(view(graph));
        Map<String, LineageLayout.Box> boxes = drawing.boxes();
        assertThat(boxes.get("base").y() + boxes.get("base").height()).isLessThan(boxes.get("api").y());
        assertThat(boxes.get("api").y() + boxes.get("api").height()).isLessThan(boxes.get("web").y());
        assertNoOverlap(drawing);
        assertThat(drawing.routes()).hasSize(4);
        for (LineageLayout.Route route : drawing.routes()) {
            LineageLayout.Box from = boxes.get(route.from());
            LineageLayout.Box to = boxes.get(route.to());
            double[] start = route.points().get(0);
            double[] end = route.points().get(route.points().size() - 1);
            assertThat(start[1]).isEqualTo(from.y() + from.height(), org.assertj.core.data.Offset.offset(1.0));
            assertThat(end[1]).isEqualTo(to.y(), org.assertj.core.data.Offset.offset(1.0));
        }
    }

    @Test
    void twoHundredFiftyImages_areLaidOutWithoutOverlap(@TempDir Path dir) {
        ImageGraph graph = ReportFixtures.wide(dir, 250, 25);
        LineageLayout.Drawing drawing = LineageLayout.layout(view(graph));
        assertThat(drawing.boxes()).hasSize(250);
        assertNoOverlap(drawing);
        for (String name : graph.order()) {
            for (String parent : graph.node(name).parents()) {
                assertThat(drawing.boxes().get(parent).y()).as("%s above %s", parent, name)
                        .isLessThan(drawing.boxes().get(name).y());
            }
        }
    }
}
