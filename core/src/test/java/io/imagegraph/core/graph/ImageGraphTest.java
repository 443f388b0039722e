package io.imagegraph.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.testing.GraphFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGraphTest {

    @Test
    void orderDepthAncestorsAndDescendants(@TempDir Path dir) {
        ImageGraph graph = new GraphFixture(dir)
                .image("base", "FROM scratch\n")
                .image("zeta", "FROM scratch\n")
                .image("mid", "FROM base\n")
                .image("alpha", "FROM mid\nCOPY --from=zeta /a /a\n")
                .graph();
        assertThat(graph.order()).containsExactly("base", "zeta", "mid", "alpha");
        assertThat(graph.depth("alpha")).isEqualTo(2);
        assertThat(graph.ancestors("alpha")).containsExactly("base", "mid", "zeta");
        assertThat(graph.descendants("base")).containsExactly("alpha", "mid");
        assertThat(graph.children("mid")).containsExactly("alpha");
    }
}
