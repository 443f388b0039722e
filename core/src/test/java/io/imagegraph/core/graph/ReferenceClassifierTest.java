package io.imagegraph.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.ref.ImageRef;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReferenceClassifierTest {

    private final ReferenceClassifier withRegistry =
            new ReferenceClassifier(Optional.of("quay.io"), Optional.of("acme"), Set.of("base", "debian"));
    private final ReferenceClassifier bare = new ReferenceClassifier(Optional.empty(), Optional.empty(), Set.of("base"));

    private static ReferenceClassifier.Kind classify(ReferenceClassifier c, String ref) {
        return c.classify(ImageRef.parse(ref));
    }

    @Test
    void bareName_ofTheGraph_isInternal_evenWhenItShadowsAPublicImage() {
        assertThat(classify(withRegistry, "debian:12")).isEqualTo(new ReferenceClassifier.Internal("debian"));
    }

    @Test
    void configuredRegistryAndNamespace_isInternal() {
        assertThat(classify(withRegistry, "quay.io/acme/base:latest")).isEqualTo(new ReferenceClassifier.Internal("base"));
    }

    @Test
    void configuredRegistryAndNamespace_unknownName_isMissingInternal() {
        assertThat(classify(withRegistry, "quay.io/acme/nope")).isEqualTo(new ReferenceClassifier.MissingInternal("nope"));
    }

    @Test
    void otherRegistryOrNamespace_isExternal() {
        assertThat(classify(withRegistry, "docker.io/acme/base")).isInstanceOf(ReferenceClassifier.External.class);
        assertThat(classify(withRegistry, "quay.io/other/base")).isInstanceOf(ReferenceClassifier.External.class);
    }

    @Test
    void noConfiguration_onlyBareNamesAreInternal() {
        assertThat(classify(bare, "base")).isEqualTo(new ReferenceClassifier.Internal("base"));
        assertThat(classify(bare, "ubuntu")).isInstanceOf(ReferenceClassifier.External.class);
        assertThat(classify(bare, "localhost:5000/base")).isInstanceOf(ReferenceClassifier.External.class);
    }
}
