package io.imagegraph.core.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableExpanderTest {

    private final VariableExpander expander = new VariableExpander('\\');
    private final Map<String, String> vars = Map.of("REG", "quay.io", "TAG", "1.0", "EMPTY", "");

    @Test
    void expand_plainAndBraced() {
        assertThat(expander.expand("$REG/acme/base:${TAG}", vars)).isEqualTo("quay.io/acme/base:1.0");
    }

    @Test
    void expand_defaultWhenUnsetOrEmpty() {
        assertThat(expander.expand("${MISSING:-debian}", vars)).isEqualTo("debian");
        assertThat(expander.expand("${EMPTY:-debian}", vars)).isEqualTo("debian");
        assertThat(expander.expand("${EMPTY-debian}", vars)).isEmpty();
    }

    @Test
    void expand_alternativeWhenSet() {
        assertThat(expander.expand("base${TAG:+:$TAG}", vars)).isEqualTo("base:1.0");
        assertThat(expander.expand("base${MISSING:+:x}", vars)).isEqualTo("base");
    }

    @Test
    void expand_unsetVariable_isEmpty() {
        assertThat(expander.expand("base:$NOPE", vars)).isEqualTo("base:");
    }

    @Test
    void expand_escapedDollarAndSingleQuotes_areLiteral() {
        assertThat(expander.expand("\\$REG", vars)).isEqualTo("$REG");
        assertThat(expander.expand("'$REG'", vars)).isEqualTo("$REG");
        assertThat(expander.expand("\"$REG\"", vars)).isEqualTo("quay.io");
    }
}
