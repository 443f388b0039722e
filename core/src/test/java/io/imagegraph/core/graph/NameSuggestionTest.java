package io.imagegraph.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameSuggestionTest {

    @Test
    void closest_withinAFewEdits_isSuggested() {
        assertThat(NameSuggestion.closest("kestone", List.of("glance", "keystone"))).contains("keystone");
    }

    @Test
    void closest_tooFar_isNothing() {
        assertThat(NameSuggestion.closest("zzz", List.of("glance", "keystone"))).isEmpty();
        assertThat(NameSuggestion.hint("zzz", List.of("glance"))).isEmpty();
    }
}
