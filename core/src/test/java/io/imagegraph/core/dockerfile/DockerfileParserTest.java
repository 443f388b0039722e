package io.imagegraph.core.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {

    private static List<String> keywords(ParsedDockerfile parsed) {
        return parsed.instructions().stream().map(i -> i.keyword() + "@" + i.line()).toList();
    }

    @Test
    void parse_commentsAndBlankLines_areSkippedAndLinesCounted() throws Exception {
        ParsedDockerfile parsed = DockerfileParser.parse("# a comment\n\nFROM scratch\n  # indented comment\nCOPY a /a\n");
        assertThat(keywords(parsed)).containsExactly("FROM@3", "COPY@5");
    }

    @Test
    void parse_lineContinuation_joinsAndSkipsCommentsInside() throws Exception {
        ParsedDockerfile parsed = DockerfileParser.parse(
                "FROM base\nRUN echo one \\\n# not an instruction\n\n    && echo two\nUSER 1000\n");
        assertThat(parsed.instructions().get(1).args()).isEqualTo("echo one     && echo two");
        assertThat(keywords(parsed)).containsExactly("FROM@1", "RUN@2", "USER@6");
    }

    @Test
    void parse_directives_areReadOnlyAtTheTop() throws Exception {
        ParsedDockerfile parsed = DockerfileParser.parse("# syntax=docker/dockerfile:1.7\n# escape=`\nFROM scratch\n");
        assertThat(parsed.directives()).containsEntry("syntax", "docker/dockerfile:1.7").containsEntry("escape", "`");
        assertThat(parsed.escape()).isEqualTo('`');
    }

    @Test
    void parse_directiveAfterAComment_isAComment() throws Exception {
        ParsedDockerfile parsed = DockerfileParser.parse("# hello\n# escape=`\nFROM scratch\n");
        assertThat(parsed.directives()).isEmpty();
        assertThat(parsed.escape()).isEqualTo('\\');
    }

    @Test
    void parse_backtickEscape_continuesLines() throws Exception {
        ParsedDockerfile parsed = DockerfileParser.parse("# escape=`\nFROM base\nRUN dir c:\\ `\n  && echo done\n");
        assertThat(parsed.instructions().get(1).args()).isEqualTo("dir c:\\   && echo done");
    }

    @Test
    void parse_heredoc_bodyIsNotParsedAsInstructions() throws Exception {
        ParsedDockerfile parsed = DockerfileParser.parse(String.join("\n",
                "FROM base",
                "RUN <<EOF",
                "FROM evil",
                "echo hi",
                "EOF",
                "COPY <<-'CONF' /etc/app.conf",
                "\tkey=value",
                "\tCONF",
                "USER app", ""));
        assertThat(keywords(parsed)).containsExactly("FROM@1", "RUN@2", "COPY@6", "USER@9");
        assertThat(parsed.instructions().get(1).heredocs()).containsExactly("FROM evil\necho hi\n");
        assertThat(parsed.instructions().get(2).heredocs()).containsExactly("key=value\n");
    }

    @Test
    void parse_twoHeredocsOnOneLine_areReadInOrder() throws Exception {
        ParsedDockerfile parsed = DockerfileParser.parse("FROM base\nCOPY <<A <<B /dst/\na\nA\nb\nB\nUSER x\n");
        assertThat(parsed.instructions().get(1).heredocs()).containsExactly("a\n", "b\n");
        assertThat(keywords(parsed)).endsWith("USER@7");
    }

    @Test
    void parse_unclosedHeredoc_namesTheLineAndTerminator() {
        assertThatThrownBy(() -> DockerfileParser.parse("FROM base\nRUN <<EOF\necho\n"))
                .isInstanceOf(DockerfileSyntaxException.class)
                .hasMessage("line 2: the heredoc <<EOF is never closed by a line 'EOF'");
    }

    @Test
    void parse_lineThatIsNoInstruction_isASyntaxErrorWithItsLine() {
        assertThatThrownBy(() -> DockerfileParser.parse("FROM base\n--weird\n"))
                .isInstanceOf(DockerfileSyntaxException.class)
                .satisfies(e -> assertThat(((DockerfileSyntaxException) e).line()).isEqualTo(2));
    }

    @Test
    void parse_badEscapeDirective_isRejected() {
        assertThatThrownBy(() -> DockerfileParser.parse("# escape=x\nFROM scratch\n"))
                .hasMessageContaining("escape directive");
    }

    @Test
    void parse_windowsLineEndingsAndBom_areAccepted() throws Exception {
        ParsedDockerfile parsed = DockerfileParser.parse("\uFEFFFROM base\r\nUSER x\r\n");
        assertThat(keywords(parsed)).containsExactly("FROM@1", "USER@2");
    }

    @Test
    void parse_lowerCaseKeywords_areUpperCased() throws Exception {
        assertThat(keywords(DockerfileParser.parse("from base as build\n"))).containsExactly("FROM@1");
    }
}
