package io.imagegraph.core.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expansions as BuildKit's shell lexer documents them (docs.docker.com, "Environment replacement"). */
class ShellLexerTest {

    private final ShellLexer lexer = ShellLexer.expanding('\\', 1 << 20);
    private final Map<String, String> vars = Map.of("REG", "quay.io", "TAG", "1.0", "EMPTY", "",
            "FILE", "/usr/local/bin/tool.tar.gz", "VER", "v1.2.3-alpine");

    private String expand(String word) throws ExpansionException {
        return lexer.expand(word, vars);
    }

    @Test
    void expand_plainAndBraced() throws Exception {
        assertThat(expand("$REG/acme/base:${TAG}")).isEqualTo("quay.io/acme/base:1.0");
    }

    @Test
    void expand_dashAndColonDash_useTheWordWhenUnsetOrEmpty() throws Exception {
        assertThat(expand("${MISSING:-debian}")).isEqualTo("debian");
        assertThat(expand("${EMPTY:-debian}")).isEqualTo("debian");
        assertThat(expand("${EMPTY-debian}")).isEmpty();
        assertThat(expand("${MISSING-debian}")).isEqualTo("debian");
        assertThat(expand("${TAG:-x}")).isEqualTo("1.0");
    }

    @Test
    void expand_plusAndColonPlus_useTheWordWhenSet() throws Exception {
        assertThat(expand("base${TAG:+:$TAG}")).isEqualTo("base:1.0");
        assertThat(expand("base${MISSING:+:x}")).isEqualTo("base");
        assertThat(expand("base${EMPTY+:x}")).isEqualTo("base:x");
        assertThat(expand("base${EMPTY:+:x}")).isEqualTo("base");
    }

    @Test
    void expand_questionMark_failsWithTheMessageWhenUnsetOrEmpty() throws Exception {
        assertThat(expand("${TAG:?need a tag}")).isEqualTo("1.0");
        assertThat(expand("${EMPTY?x}")).isEmpty();
        assertThatThrownBy(() -> expand("${MISSING?need a tag}")).hasMessage("MISSING: need a tag");
        assertThatThrownBy(() -> expand("${EMPTY:?}")).hasMessage("EMPTY: is not allowed to be empty");
        assertThatThrownBy(() -> expand("${MISSING:?}")).hasMessage("MISSING: is not allowed to be unset");
    }

    @Test
    void expand_hashAndDoubleHash_removeTheShortestAndLongestPrefix() throws Exception {
        assertThat(expand("${FILE#*/}")).isEqualTo("usr/local/bin/tool.tar.gz");
        assertThat(expand("${FILE##*/}")).isEqualTo("tool.tar.gz");
        assertThat(expand("${VER#v}")).isEqualTo("1.2.3-alpine");
        assertThat(expand("${MISSING#x}")).isEmpty();
    }

    @Test
    void expand_percentAndDoublePercent_removeTheShortestAndLongestSuffix() throws Exception {
        assertThat(expand("${FILE%.*}")).isEqualTo("/usr/local/bin/tool.tar");
        assertThat(expand("${FILE%%.*}")).isEqualTo("/usr/local/bin/tool");
        assertThat(expand("${VER%-*}")).isEqualTo("v1.2.3");
        assertThat(expand("${VER%\\*}")).isEqualTo("v1.2.3-alpine");
    }

    @Test
    void expand_slashAndDoubleSlash_replaceTheFirstOrEveryMatch() throws Exception {
        assertThat(expand("${VER/./_}")).isEqualTo("v1_2.3-alpine");
        assertThat(expand("${VER//./_}")).isEqualTo("v1_2_3-alpine");
        assertThat(expand("${FILE//\\//-}")).isEqualTo("-usr-local-bin-tool.tar.gz");
        assertThat(expand("${VER/-*/}")).isEqualTo("v1.2.3");
    }

    @Test
    void expand_colonWithALetter_isRejectedAsBuildKitDoes() {
        assertThatThrownBy(() -> expand("${name:imageVariant}"))
                .hasMessage("unsupported modifier (:i) in substitution");
        assertThatThrownBy(() -> expand("${TAG:#x}")).hasMessage("unsupported modifier (:#) in substitution");
        assertThatThrownBy(() -> expand("${TAG:%x}")).hasMessage("unsupported modifier (:%) in substitution");
        assertThatThrownBy(() -> expand("${TAG^^}")).hasMessage("unsupported modifier (^) in substitution");
    }

    @Test
    void expand_badSubstitutions_areSyntaxErrors() {
        assertThatThrownBy(() -> expand("${}")).hasMessage("syntax error: bad substitution");
        assertThatThrownBy(() -> expand("${:-x}")).hasMessage("syntax error: bad substitution");
        assertThatThrownBy(() -> expand("${TAG")).hasMessage("syntax error: missing '}'");
        assertThatThrownBy(() -> expand("${TAG:-x")).hasMessage("syntax error: missing '}'");
        assertThatThrownBy(() -> expand("${TAG/x")).hasMessage("syntax error: missing '/' in ${}");
        assertThatThrownBy(() -> expand("${TAG%\\x}")).hasMessageContaining("invalid escape");
    }

    @Test
    void expand_unsetVariable_isEmpty() throws Exception {
        assertThat(expand("base:$NOPE")).isEqualTo("base:");
        assertThat(expand("cost: $5 and $")).isEqualTo("cost:  and $");
    }

    @Test
    void expand_escapedDollarAndSingleQuotes_areLiteral() throws Exception {
        assertThat(expand("\\$REG")).isEqualTo("$REG");
        assertThat(expand("'$REG'")).isEqualTo("$REG");
        assertThat(expand("\"$REG\"")).isEqualTo("quay.io");
        assertThat(expand("\"a\\\"b\\x\"")).isEqualTo("a\"b\\x");
    }

    @Test
    void expand_unclosedQuote_isAnError() {
        assertThatThrownBy(() -> expand("'abc")).hasMessageContaining("matching single-quote");
        assertThatThrownBy(() -> expand("\"abc")).hasMessageContaining("matching double-quote");
    }

    @Test
    void expand_wordPastTheLimit_isRefused() {
        ShellLexer small = ShellLexer.expanding('\\', 10);
        assertThatThrownBy(() -> small.expand("$A$A", Map.of("A", "123456"))).hasMessage("expands to more than 10 characters");
    }

    @Test
    void process_rawLexer_keepsQuotesAndEscapesInWords() throws Exception {
        assertThat(ShellLexer.raw(1000).process("RUN echo \"<<EOF\" \\<<X <<  Y cat<<Z", Map.of()).words())
                .containsExactly("RUN", "echo", "\"<<EOF\"", "\\<<X", "<<  Y", "cat<<Z");
    }

    @Test
    void expand_deeplyNestedSubstitution_isRefusedNotAStackOverflow() {
        String word = "${A:-".repeat(100_000) + "x" + "}".repeat(100_000);
        assertThatThrownBy(() -> expand(word)).hasMessage("nests ${…} more than 64 levels deep");
    }
}
