package io.imagegraph.core.promote;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.testing.GraphFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLocationTest {

    @TempDir
    Path dir;

    @Test
    void ofGraph_placesEveryImageInTheNamespaceOfTheGivenRegistry() {
        ImageGraph graph = new GraphFixture(dir)
                .graphFile("registry: quay.io\nnamespace: acme\n")
                .image("base", "FROM scratch\n")
                .image("keystone", "FROM quay.io/acme/base\n")
                .graph();
        assertThat(ImageLocation.ofGraph(graph, "127.0.0.1:5000")).extracting(ImageLocation::toString)
                .containsExactlyInAnyOrder("127.0.0.1:5000/acme/base", "127.0.0.1:5000/acme/keystone");
    }

    @Test
    void ofGraph_withoutNamespace_usesTheImageNameAlone() {
        ImageGraph graph = new GraphFixture(dir).image("base", "FROM scratch\n").graph();
        assertThat(ImageLocation.ofGraph(graph, "quay.io")).extracting(ImageLocation::toString)
                .containsExactly("quay.io/base");
    }
}
