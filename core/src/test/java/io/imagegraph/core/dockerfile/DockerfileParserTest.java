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

    private static String error(String dockerfile) {
        try {
            DockerfileParser.parse(dockerfile);
        } catch (DockerfileSyntaxException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for:\n" + dockerfile);
    }

    @Test
    void parse_heredocMarkerInDoubleQuotes_isNoHeredoc() throws Exception {
        ParsedDockerfile parsed = DockerfileParser.parse("FROM base\nRUN echo \"<<EOF\"\nUSER x\n");
        assertThat(keywords(parsed)).containsExactly("FROM@1", "RUN@2", "USER@3");
        assertThat(parsed.instructions().get(1).heredocs()).isEmpty();
    }

    @Test
    void parse_heredocMarkerInSingleQuotes_isNoHeredoc() throws Exception {
        assertThat(keywords(DockerfileParser.parse("FROM base\nRUN echo '<<EOF'\nUSER x\n")))
                .containsExactly("FROM@1", "RUN@2", "USER@3");
    }

    @Test
    void parse_escapedHeredocMarker_isNoHeredoc() throws Exception {
        assertThat(keywords(DockerfileParser.parse("FROM base\nRUN \\<<EOF\nUSER x\n")))
                .containsExactly("FROM@1", "RUN@2", "USER@3");
    }

    @Test
    void parse_heredocMarkerInExecForm_isNoHeredoc() throws Exception {
        assertThat(keywords(DockerfileParser.parse("FROM base\nRUN [\"sh\",\"-c\",\"cat <<EOF\"]\nUSER x\n")))
                .containsExactly("FROM@1", "RUN@2", "USER@3");
    }

    @Test
    void parse_heredocMarkerInsideAWord_isNoHeredoc() throws Exception {
        assertThat(keywords(DockerfileParser.parse("FROM base\nRUN cat<<EOF\nUSER x\n")))
                .containsExactly("FROM@1", "RUN@2", "USER@3");
    }

    @Test
    void parse_heredocOnOtherInstructions_isNoHeredoc() throws Exception {
        assertThat(keywords(DockerfileParser.parse("FROM base\nLABEL x=<<EOF\nUSER x\n")))
                .containsExactly("FROM@1", "LABEL@2", "USER@3");
    }

    @Test
    void parse_heredocWithBlankAfterMarkerQuotedNameOrDescriptor_isAHeredoc() throws Exception {
        ParsedDockerfile parsed = DockerfileParser.parse(
                "FROM base\nRUN << EOF\na\nEOF\nRUN 3<<\"END\" cat\nb\nEND\nONBUILD RUN <<X\nc\nX\nUSER x\n");
        assertThat(parsed.instructions().stream().map(Instruction::heredocs).toList())
                .containsExactly(List.of(), List.of("a\n"), List.of("b\n"), List.of("c\n"), List.of());
    }

    @Test
    void parse_unknownInstruction_isAnErrorWithAHint() {
        assertThat(error("FORM alpine\n")).startsWith("line 1: unknown instruction FORM (did you mean FROM?)");
    }

    @Test
    void parse_misspelledFromFlag_isAnError() {
        assertThat(error("FROM --plaform=linux/amd64 alpine\n"))
                .startsWith("line 1: FROM has an unknown flag --plaform (did you mean --platform?)");
    }

    @Test
    void parse_misspelledCopyFlag_isAnError() {
        assertThat(error("FROM alpine\nCOPY --chmodd=755 a /a\n"))
                .startsWith("line 2: COPY has an unknown flag --chmodd (did you mean --chmod?)");
    }

    @Test
    void parse_platformFlagWithoutValue_isAnError() {
        assertThat(error("FROM --platform scratch\n"))
                .isEqualTo("line 1: FROM --platform has no value; write --platform=VALUE");
    }

    @Test
    void parse_flagGivenTwice_isAnError() {
        assertThat(error("FROM alpine\nCOPY --chown=1 --chown=2 a /a\n")).isEqualTo("line 2: COPY is given --chown twice");
    }

    @Test
    void parse_flagsOnAnInstructionThatTakesNone_areAnError() {
        assertThat(error("FROM alpine\nWORKDIR --x=1 /a\n")).startsWith("line 2: WORKDIR has an unknown flag --x (it takes no flags)");
    }

    @Test
    void parse_flags_haveQuotesRemovedAndStopAtTheOperands() throws Exception {
        Instruction copy = DockerfileParser.parse("FROM a\nCOPY --from=\"build\" --link --exclude=*.md -- --odd /d\n")
                .instructions().get(1);
        assertThat(copy.flags()).containsExactly("--from=build", "--link", "--exclude=*.md");
        assertThat(copy.operands()).isEqualTo("--odd /d");
        assertThat(copy.flagValues("from")).containsExactly("build");
    }
}
